using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// A <c>data</c> section with what errors need to point at the declaration: the source map, the folder relative paths
/// resolve against, and every place the spec names a column (the first one locates an error about that column).
/// </summary>
/// <param name="Spec">The data section.</param>
/// <param name="Source">Where each spec path was declared.</param>
/// <param name="BaseDirectory">The folder relative paths in the spec are resolved against.</param>
/// <param name="References">Column references with their spec paths, in declaration order.</param>
internal sealed record DataSource(
    DataSpec Spec, SpecSourceMap Source, string BaseDirectory, IReadOnlyList<(string Path, string Column)> References)
{
    /// <summary>The data section of a regression experiment, with every column reference of its spec.</summary>
    public static DataSource Of(LoadedExperiment experiment) =>
        new(experiment.Spec.Data, experiment.Source, experiment.BaseDirectory, ColumnReferences.Of(experiment.Spec).ToArray());

    /// <summary>Where the spec names <paramref name="column"/> first, else the <c>data.file</c> entry.</summary>
    public SourceLocation Locate(string column) => ColumnReferences.Locate(References, Source, column);
}
