using FairMtl.Objectives.Weighting;
using FairMtl.Spec;

namespace FairMtl.Compiled;

/// <summary>
/// An experiment compiled by the source generator: its resolved, validated spec and its loss weighting as C#, with no
/// YAML parsing at run time. The generated <c>FairMtl.Generated.ExperimentRegistry</c> lists every one.
/// </summary>
/// <param name="Name">The experiment name (unique in the registry).</param>
/// <param name="SourceFile">The declaring file (YAML or C#) as the compiler saw it (a full path).</param>
/// <param name="Spec">The resolved spec.</param>
/// <param name="Weighting">The generated loss weighting and its derivatives.</param>
/// <param name="SourceHash">For a YAML experiment, the <see cref="DeclarationHash"/> of the compiled text.</param>
public sealed record CompiledExperiment(
    string Name, string SourceFile, ExperimentSpec Spec, ILossWeighting Weighting, string? SourceHash = null)
{
    /// <summary>
    /// The experiment ready to run: relative paths (the data file) resolve against the declaring file's folder.
    /// Errors found at run time name the declaring file (locations inside it were checked at build time).
    /// </summary>
    public LoadedExperiment Load() =>
        new(Spec, new SpecSourceMap(SourceFile), Path.GetDirectoryName(SourceFile) ?? Environment.CurrentDirectory);

    /// <summary>True when <paramref name="path"/> is this experiment's YAML file and its text is the compiled one.</summary>
    public bool IsCompiledFrom(string path, string text) =>
        SourceHash is not null
        && string.Equals(Path.GetFullPath(path), Path.GetFullPath(SourceFile), StringComparison.Ordinal)
        && DeclarationHash.Of(text) == SourceHash;
}
