using FairMtl.Compiled;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;

namespace FairMtl.Host.Running;

/// <summary>
/// The regression sweeps compiled into this program, as <see cref="Kinds.ExperimentKinds"/> resolves a name or a sweep
/// file against them: a compiled experiment by name (attribute-declared ones have no file to pass), or a YAML file by
/// path. A YAML file whose text is the one compiled into this program runs from the compiled
/// spec and weighting without being parsed again; any other file is read and validated, and uses a compiled
/// weighting when its spec equals a compiled experiment's, else interprets the expression. All three paths give
/// bit-identical results.
/// </summary>
public sealed class ExperimentCatalog(IReadOnlyList<CompiledExperiment> compiled)
{
    /// <summary>The experiments compiled into this program, by name.</summary>
    public IReadOnlyList<CompiledExperiment> Compiled { get; } = compiled.OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();

    /// <summary>The compiled experiment named <paramref name="name"/>, ready to run, or null.</summary>
    public ResolvedExperiment? FindCompiled(string name) =>
        Compiled.FirstOrDefault(e => e.Name == name) is { } compiled ? new ResolvedExperiment(compiled.Load(), compiled.Weighting) : null;

    /// <summary>Resolves the regression experiment file <paramref name="path"/>, whose text has been read.</summary>
    public ResolvedExperiment ResolveFile(string path, ExperimentFileText file)
    {
        var unchanged = Compiled.FirstOrDefault(e => e.IsCompiledFrom(path, file.Text));
        if (unchanged is not null)
        {
            return new ResolvedExperiment(
                new LoadedExperiment(unchanged.Spec, new SpecSourceMap(file.DisplayPath), file.BaseDirectory), unchanged.Weighting);
        }

        var loaded = ExperimentYamlReader.Parse(file.Text, file.DisplayPath, file.BaseDirectory);
        var match = Compiled.FirstOrDefault(e => e.Spec == loaded.Spec);
        return new ResolvedExperiment(loaded, match?.Weighting);
    }
}

/// <summary>An experiment ready to run, with its generated weighting when it was compiled (null: interpret it).</summary>
public sealed record ResolvedExperiment(LoadedExperiment Experiment, ILossWeighting? CompiledWeighting);
