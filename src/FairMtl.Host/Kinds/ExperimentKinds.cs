using FairMtl.Compiled;
using FairMtl.Diagnostics;
using FairMtl.Host.Running;
using FairMtl.Spec.Yaml;

namespace FairMtl.Host.Kinds;

/// <summary>
/// The registry of experiment kinds the host can run: for each front end (comparison YAML, then regression YAML, the
/// fallback that reports a broken file), how it recognises a file, reads it, and finds its compiled experiments by name.
/// <c>list</c> shows every compiled experiment of every kind; <c>run</c> takes a name or a file of any kind.
/// </summary>
public sealed class ExperimentKinds
{
    private readonly IKindFrontEnd[] _frontEnds;

    /// <summary>The kinds, with the experiments the build compiled (regression sweeps with their generated code, and
    /// comparisons with their validated YAML).</summary>
    public ExperimentKinds(IReadOnlyList<CompiledExperiment> compiled, IReadOnlyList<CompiledComparison> comparisons)
    {
        Sweeps = new ExperimentCatalog(compiled);
        _frontEnds = [new ComparisonFrontEnd(comparisons), new SweepFrontEnd(Sweeps)];
    }

    /// <summary>The regression experiments compiled into this program.</summary>
    public ExperimentCatalog Sweeps { get; }

    /// <summary>Every compiled experiment of every kind, ordered by name.</summary>
    public IReadOnlyList<ListedExperiment> Compiled =>
        _frontEnds.SelectMany(frontEnd => frontEnd.Compiled).OrderBy(listed => listed.Name, StringComparer.Ordinal).ToArray();

    /// <summary><see cref="Resolve(string)"/>, with <c>--seed</c> applied when given.</summary>
    public IRunnableExperiment Resolve(string nameOrPath, int? seed)
    {
        var experiment = Resolve(nameOrPath);
        return seed is { } value ? experiment.WithSeed(value) : experiment;
    }

    /// <summary>The experiment a command names: a compiled one by name (when no file has that name), else a file of any kind.</summary>
    /// <exception cref="FairMtlException">FMTL015 for a name that is neither, any other code for an invalid file.</exception>
    public IRunnableExperiment Resolve(string nameOrPath)
    {
        if (!File.Exists(nameOrPath))
        {
            foreach (var frontEnd in _frontEnds)
            {
                if (frontEnd.FindCompiled(nameOrPath) is { } compiled)
                {
                    return compiled;
                }
            }

            CheckLooksLikeFile(nameOrPath, Compiled.Select(listed => listed.Name));
        }

        var file = ExperimentYamlReader.ReadFile(nameOrPath);
        return _frontEnds.First(frontEnd => frontEnd.Declares(file.Text)).Read(nameOrPath, file);
    }

    /// <summary>FMTL015 unless <paramref name="argument"/> looks like a file path (then reading it reports what is wrong).</summary>
    private static void CheckLooksLikeFile(string argument, IEnumerable<string> names)
    {
        if (argument.Contains('/') || argument.Contains('\\') || argument.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || argument.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var known = names.ToArray();
        throw new FairMtlException(
            DiagnosticCodes.ExperimentFile,
            null,
            $"'{argument}' is neither an experiment file nor a compiled experiment"
            + NameSuggestions.DidYouMean(argument, known)
            + $" (compiled experiments: {(known.Length == 0 ? "none" : string.Join(", ", known))})");
    }

    /// <summary>One kind's YAML front end.</summary>
    private interface IKindFrontEnd
    {
        IEnumerable<ListedExperiment> Compiled { get; }

        IRunnableExperiment? FindCompiled(string name);

        bool Declares(string yamlText);

        IRunnableExperiment Read(string path, ExperimentFileText file);
    }

    /// <summary>Comparison YAML (a top-level <c>methods</c> key): method comparisons and multi-task comparisons.</summary>
    private sealed class ComparisonFrontEnd(IReadOnlyList<CompiledComparison> compiled) : IKindFrontEnd
    {
        public IEnumerable<ListedExperiment> Compiled => compiled.Select(c => new ListedExperiment(
            c.Name, c.Load().Spec switch { Spec.FairMtSpec => "FairMT experiment", Spec.MultiTaskSpec => "multi-task comparison", _ => "method comparison" }, c.SourceFile));

        public IRunnableExperiment? FindCompiled(string name) =>
            compiled.FirstOrDefault(c => c.Name == name) is { } found ? Runnable(found.Load()) : null;

        public bool Declares(string yamlText) => ComparisonYamlReader.Declares(yamlText);

        public IRunnableExperiment Read(string path, ExperimentFileText file) =>
            Runnable(ComparisonYamlReader.Parse(file.Text, file.DisplayPath, file.BaseDirectory));

        private static IRunnableExperiment Runnable(Spec.LoadedComparison loaded) =>
            loaded.Spec switch
            {
                Spec.FairMtSpec => new FairMtExperiment(loaded),
                Spec.MultiTaskSpec => new MultiTaskExperiment(loaded),
                _ => new ComparisonExperiment(loaded),
            };
    }

    /// <summary>Regression sweep YAML, and the fallback for any other file (its reader reports what is wrong).</summary>
    private sealed class SweepFrontEnd(ExperimentCatalog catalog) : IKindFrontEnd
    {
        public IEnumerable<ListedExperiment> Compiled => catalog.Compiled.Select(c => new ListedExperiment(c.Name, "sweep", c.SourceFile));

        public IRunnableExperiment? FindCompiled(string name) =>
            catalog.FindCompiled(name) is { } found ? new SweepExperiment(found) : null;

        public bool Declares(string yamlText) => true;

        public IRunnableExperiment Read(string path, ExperimentFileText file) => new SweepExperiment(catalog.ResolveFile(path, file));
    }
}

/// <summary>A compiled experiment as <c>list</c> shows it: its name, its kind and its declaring file.</summary>
public sealed record ListedExperiment(string Name, string Kind, string SourceFile);
