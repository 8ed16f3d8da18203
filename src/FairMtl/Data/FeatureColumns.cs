using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>Resolves <c>data.features</c> to the ordered list of input columns.</summary>
internal static class FeatureColumns
{
    /// <summary>
    /// The include list as given, or every file column in file order except the excluded ones, the head columns and the
    /// group column.
    /// </summary>
    public static IReadOnlyList<string> Resolve(ExperimentSpec spec, IReadOnlyList<string> fileColumns) =>
        Resolve(spec.Data.Features, fileColumns, spec.Heads.Select(head => head.Column).Append(spec.Data.Groups.Column));

    /// <summary>
    /// The include list as given, or every file column in file order (a repeated name once) except the excluded ones
    /// and <paramref name="neverFeatures"/>.
    /// </summary>
    public static IReadOnlyList<string> Resolve(
        FeatureSelection features, IReadOnlyList<string> fileColumns, IEnumerable<string> neverFeatures)
    {
        if (features.Include.Count > 0)
        {
            return features.Include.ToArray();
        }

        var excluded = new HashSet<string>(features.Exclude, StringComparer.Ordinal);
        excluded.UnionWith(neverFeatures);
        return fileColumns.Where(c => !excluded.Contains(c)).Distinct(StringComparer.Ordinal).ToArray();
    }
}
