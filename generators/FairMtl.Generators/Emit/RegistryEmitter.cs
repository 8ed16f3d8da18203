using FairMtl.Spec;

namespace FairMtl.Generators.Emit;

/// <summary><c>FairMtl.Generated.ExperimentRegistry</c>: every generated experiment of the compilation, and every
/// comparison experiment (with its YAML text), by name. A project sets the registry's namespace with the MSBuild property
/// <c>FairMtlRegistryNamespace</c> (a <c>CompilerVisibleProperty</c>), so that a program can reference two experiment
/// assemblies.</summary>
internal static class RegistryEmitter
{
    public const string HintName = "FairMtl.Generated.ExperimentRegistry.g.cs";

    /// <summary>The registry's namespace unless the project sets <see cref="NamespaceProperty"/>.</summary>
    public const string DefaultNamespace = "FairMtl.Generated";

    /// <summary>The analyzer config key of the <c>FairMtlRegistryNamespace</c> MSBuild property.</summary>
    public const string NamespaceProperty = "build_property.FairMtlRegistryNamespace";

    public static string Emit(EquatableArray<RegistryEntry> all, string registryNamespace = DefaultNamespace)
    {
        var entries = all.Where(entry => entry.ComparisonYaml is null).ToArray();
        var comparisons = all.Where(entry => entry.ComparisonYaml is not null).OrderBy(entry => entry.Name, StringComparer.Ordinal).ToArray();
        var writer = IndentedWriter.ForNamespace(registryNamespace);
        writer.Line("/// <summary>The experiments compiled into this assembly by the FairMtl source generator.</summary>");
        writer.Open("public static class ExperimentRegistry");
        writer.Line("/// <summary>Every compiled experiment, ordered by name.</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<global::FairMtl.Compiled.CompiledExperiment> All { get; } =");
        writer.Indent();
        if (entries.Length == 0)
        {
            writer.Line("global::System.Array.Empty<global::FairMtl.Compiled.CompiledExperiment>();");
        }
        else
        {
            writer.Line("new global::FairMtl.Compiled.CompiledExperiment[]").Line("{").Indent();
            foreach (var entry in entries.OrderBy(entry => entry.Name, StringComparer.Ordinal))
            {
                writer.Line(entry.TypeName + ".Compiled,");
            }

            writer.Outdent().Line("};");
        }

        writer.Outdent();
        writer.Line();
        writer.Line("/// <summary>Every comparison experiment of the build (validated at build time, read from its YAML text at run time), ordered by name.</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<global::FairMtl.Compiled.CompiledComparison> Comparisons { get; } =");
        writer.Indent();
        if (comparisons.Length == 0)
        {
            writer.Line("global::System.Array.Empty<global::FairMtl.Compiled.CompiledComparison>();");
        }
        else
        {
            writer.Line("new global::FairMtl.Compiled.CompiledComparison[]").Line("{").Indent();
            foreach (var entry in comparisons)
            {
                writer.Line($"new global::FairMtl.Compiled.CompiledComparison({Literals.String(entry.Name)}, {Literals.String(entry.SourceFile)}, {Literals.String(entry.ComparisonYaml!)}),");
            }

            writer.Outdent().Line("};");
        }

        writer.Outdent();
        writer.Line();
        writer.Line("/// <summary>The compiled experiment named <paramref name=\"name\"/>, or null.</summary>");
        writer.Open("public static global::FairMtl.Compiled.CompiledExperiment? Find(string name)");
        writer.Open("foreach (var experiment in All)");
        writer.Open("if (string.Equals(experiment.Name, name, global::System.StringComparison.Ordinal))").Line("return experiment;").Close();
        writer.Close();
        writer.Line();
        writer.Line("return null;");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
