using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>Reads a <c>data</c> section into an <see cref="EncodedTable"/> (the entry point of classification experiments).</summary>
public static class TableEncoding
{
    /// <summary>
    /// Reads <c>data.file</c> and the appended files, keeps the rows that meet <c>data.filter</c> and have no
    /// <c>data.missing</c> marker in a used column (the inputs and the requested columns), and encodes the inputs.
    /// </summary>
    /// <param name="data">The data section.</param>
    /// <param name="source">Where the spec was declared (errors point at <c>data.*</c> paths in it).</param>
    /// <param name="baseDirectory">The folder the data paths are resolved against.</param>
    /// <param name="textColumns">Columns read as trimmed text (text labels, sensitive attributes).</param>
    /// <param name="numericColumns">Columns read as finite numbers (0/1 labels, numeric sensitive attributes).</param>
    /// <param name="neverFeatures">Columns that are never inputs under <c>data.features.exclude</c> (targets, sensitive
    /// attributes); an include list is taken as written.</param>
    /// <param name="references">Where the caller's spec names the requested columns (spec path, column), so that an
    /// unknown one is reported there; without it such an error points at <c>data.file</c>.</param>
    /// <param name="optionalTextColumns">Columns read as text whose missing values keep the row (see <see cref="DataFile.Parse"/>).</param>
    /// <exception cref="FairMtlException">A file is missing or malformed, a named column does not exist, a used value
    /// does not parse, or no row is left.</exception>
    public static EncodedTable Load(
        DataSpec data,
        SpecSourceMap source,
        string baseDirectory,
        IReadOnlyList<string> textColumns,
        IReadOnlyList<string> numericColumns,
        IReadOnlyList<string> neverFeatures,
        IReadOnlyList<(string Path, string Column)>? references = null,
        IReadOnlyCollection<string>? optionalTextColumns = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(textColumns);
        ArgumentNullException.ThrowIfNull(numericColumns);
        ArgumentNullException.ThrowIfNull(neverFeatures);

        var allReferences = ColumnReferences.Of(data).Concat(references ?? []).ToArray();
        var dataSource = new DataSource(data, source, baseDirectory, allReferences);
        var file = DataFile.Load(dataSource);
        ColumnReferences.Validate(allReferences, source, file.ColumnNames, file.DisplayPath);

        var features = FeatureColumns.Resolve(data.Features, file.ColumnNames, neverFeatures);
        if (features.Count == 0)
        {
            throw new FairMtlException(
                DiagnosticCodes.InvalidValue,
                source.Locate("data.features"),
                $"no input columns are left in '{file.DisplayPath}' (expected at least one feature)");
        }

        var categorical = features.Where(f => data.Categorical.Contains(f)).ToHashSet(StringComparer.Ordinal);
        var numericFeatures = features.Where(f => !categorical.Contains(f)).ToArray();
        var table = file.Parse(
            numericFeatures.Concat(numericColumns).ToArray(),
            categorical.Concat(textColumns).ToArray(),
            numericFeatures,
            optionalTextColumns);
        return new EncodedTable(table, FeatureEncoding.Encode(table, features, categorical, data, source));
    }
}
