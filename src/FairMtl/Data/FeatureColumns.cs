using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>Resolves <c>data.features</c> to the ordered list of input columns.</summary>
internal static class FeatureColumns
{
    /// <summary>
    /// The include list as given, or every file column in file order except the excluded ones, the head columns and the
    /// group column.
    /// </summary>
    public static IReadOnlyList<string> Resolve(ExperimentSpec spec, IReadOnlyList<string> fileColumns)
    {
        var features = spec.Data.Features;
        if (features.Include.Count > 0)
        {
            return features.Include.ToArray();
        }

        var excluded = new HashSet<string>(features.Exclude, StringComparer.Ordinal) { spec.Data.Groups.Column };
        foreach (var head in spec.Heads)
        {
            excluded.Add(head.Column);
        }

        return fileColumns.Where(c => !excluded.Contains(c)).ToArray();
    }
}
