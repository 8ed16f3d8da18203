using FairMtl.Compiled;
using FairMtl.Diagnostics;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;

namespace FairMtl.Host.Running;

/// <summary>
/// Finds the experiment a command names: a compiled experiment by name (attribute-declared ones have no file to
/// pass), or a YAML file by path. A YAML file whose text is the one compiled into this program runs from the compiled
/// spec and weighting without being parsed again; any other file is read and validated, and uses a compiled
/// weighting when its spec equals a compiled experiment's, else interprets the expression. All three paths give
/// bit-identical results.
/// </summary>
public sealed class ExperimentCatalog(IReadOnlyList<CompiledExperiment> compiled)
{
    /// <summary>The experiments compiled into this program, by name.</summary>
    public IReadOnlyList<CompiledExperiment> Compiled { get; } = compiled.OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Resolves a name or a path.</summary>
    public ResolvedExperiment Resolve(string nameOrPath)
    {
        var byName = Compiled.FirstOrDefault(e => e.Name == nameOrPath);
        if (byName is not null && !File.Exists(nameOrPath))
        {
            return new ResolvedExperiment(byName.Load(), byName.Weighting);
        }

        if (!File.Exists(nameOrPath) && !LooksLikeFile(nameOrPath))
        {
            var names = Compiled.Count == 0 ? "none" : string.Join(", ", Compiled.Select(e => e.Name));
            throw new FairMtlException(
                DiagnosticCodes.ExperimentFile,
                null,
                $"'{nameOrPath}' is neither an experiment file nor a compiled experiment"
                + NameSuggestions.DidYouMean(nameOrPath, Compiled.Select(e => e.Name))
                + $" (compiled experiments: {names})");
        }

        var file = ExperimentYamlReader.ReadFile(nameOrPath);
        var unchanged = Compiled.FirstOrDefault(e => e.IsCompiledFrom(nameOrPath, file.Text));
        if (unchanged is not null)
        {
            return new ResolvedExperiment(
                new LoadedExperiment(unchanged.Spec, new SpecSourceMap(file.DisplayPath), file.BaseDirectory), unchanged.Weighting);
        }

        var loaded = ExperimentYamlReader.Parse(file.Text, file.DisplayPath, file.BaseDirectory);
        var match = Compiled.FirstOrDefault(e => e.Spec == loaded.Spec);
        return new ResolvedExperiment(loaded, match?.Weighting);
    }

    /// <summary>The comparison experiment in the file <paramref name="nameOrPath"/>, or null when it names anything else
    /// (a compiled experiment, a regression experiment file).</summary>
    public static LoadedComparison? ResolveComparison(string nameOrPath)
    {
        if (!File.Exists(nameOrPath))
        {
            return null;
        }

        var file = ExperimentYamlReader.ReadFile(nameOrPath);
        return ComparisonYamlReader.Declares(file.Text)
            ? ComparisonYamlReader.Parse(file.Text, file.DisplayPath, file.BaseDirectory)
            : null;
    }

    private static bool LooksLikeFile(string argument) =>
        argument.Contains('/') || argument.Contains('\\') || argument.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || argument.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An experiment ready to run, with its generated weighting when it was compiled (null: interpret it).</summary>
public sealed record ResolvedExperiment(LoadedExperiment Experiment, ILossWeighting? CompiledWeighting);
