namespace FairMtl.Spec;

/// <summary>A validated comparison spec together with where it came from.</summary>
/// <param name="Spec">The resolved spec.</param>
/// <param name="Source">Declaration locations, for error messages.</param>
/// <param name="BaseDirectory">Folder that relative paths in the spec (the data files) are resolved against.</param>
/// <param name="IsCompiled">Whether it is a comparison of the build read from its compiled YAML
/// (<c>CompiledComparison.Load</c>): its units then tell the engine the experiment's name
/// (<c>TrainerSettings.Experiment</c>), so that an engine can train the code the source generator wrote for it.</param>
public sealed record LoadedComparison(ComparisonSpec Spec, SpecSourceMap Source, string BaseDirectory, bool IsCompiled = false)
{
    /// <summary>The data file's full path.</summary>
    public string DataPath => Path.GetFullPath(Path.Combine(BaseDirectory, Spec.Data.File));

    /// <summary>The experiment's name when it runs as compiled (<see cref="IsCompiled"/>), else null.</summary>
    public string? CompiledName => IsCompiled ? Spec.Name : null;
}
