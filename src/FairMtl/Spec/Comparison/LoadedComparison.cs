namespace FairMtl.Spec;

/// <summary>A validated comparison spec together with where it came from.</summary>
/// <param name="Spec">The resolved spec.</param>
/// <param name="Source">Declaration locations, for error messages.</param>
/// <param name="BaseDirectory">Folder that relative paths in the spec (the data files) are resolved against.</param>
public sealed record LoadedComparison(ComparisonSpec Spec, SpecSourceMap Source, string BaseDirectory)
{
    /// <summary>The data file's full path.</summary>
    public string DataPath => Path.GetFullPath(Path.Combine(BaseDirectory, Spec.Data.File));
}
