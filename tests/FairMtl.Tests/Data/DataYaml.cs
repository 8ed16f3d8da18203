using FairMtl.Data;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;

namespace FairMtl.Tests.Data;

/// <summary>
/// Experiment files built around a <c>data</c> section, parsed with a <see cref="TempDataFolder"/> as their base
/// directory, so that data errors are located in real YAML. Line 1 is <c>name: t</c>, line 2 <c>data:</c>, and the given
/// data lines start at line 3 (indent them by two spaces).
/// </summary>
internal static class DataYaml
{
    public const string File = "experiment.yaml";

    public static LoadedExperiment Parse(TempDataFolder folder, params string[] dataLines) =>
        ExperimentYamlReader.Parse(Text(dataLines), File, folder.Path);

    public static string Text(params string[] dataLines) =>
        "name: t\ndata:\n" + string.Join("\n", dataLines)
        + "\n  groups: { column: g }\nheads:\n  y: { column: y }\nloss: y\ntraining:\n  epochs: 1\n";

    /// <summary>The experiment's data section through the classification entry point.</summary>
    public static EncodedTable Encode(LoadedExperiment experiment, string[] text, string[] numeric, string[] never) =>
        TableEncoding.Load(experiment.Spec.Data, experiment.Source, experiment.BaseDirectory, text, numeric, never);

    /// <summary>How messages show a file of the folder.</summary>
    public static string Display(TempDataFolder folder, string name) =>
        DisplayPaths.For(Path.Combine(folder.Path, name), Environment.CurrentDirectory);
}
