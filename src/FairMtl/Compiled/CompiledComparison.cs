using FairMtl.Spec;
using FairMtl.Spec.Yaml;

namespace FairMtl.Compiled;

/// <summary>
/// A comparison experiment of the build: validated by the source generator (its mistakes are compiler errors), listed
/// in <c>FairMtl.Generated.ExperimentRegistry.Comparisons</c> with its YAML text, and read from that text at run time.
/// </summary>
/// <param name="Name">The experiment name (unique in the registry, across every kind).</param>
/// <param name="SourceFile">The declaring YAML file as the compiler saw it (a full path).</param>
/// <param name="Yaml">The file's text at build time.</param>
public sealed record CompiledComparison(string Name, string SourceFile, string Yaml)
{
    /// <summary>The experiment ready to run: relative paths (the data files) resolve against the declaring file's folder.
    /// The YAML of an attribute declaration marks its mappings and lists with tags, which the build already validated.
    /// It runs as compiled (<see cref="LoadedComparison.IsCompiled"/>).</summary>
    public LoadedComparison Load() =>
        ComparisonYamlReader.Parse(Yaml, SourceFile, Path.GetDirectoryName(SourceFile) ?? Environment.CurrentDirectory, collectionTags: true) with { IsCompiled = true };
}
