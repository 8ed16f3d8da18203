using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// Values a spec declares for a column, for every kind of experiment: listed values of a text column (a binary head's
/// or a task's <c>positive</c>, a group's or a sensitive attribute's <c>privileged</c>), checked against the column,
/// turned into a 0/1 indicator of the rows that hold one of them.
/// </summary>
public static class DeclaredValues
{
    /// <summary>FMTL008 at the first listed value the column does not hold, with the nearest one and the column's values.</summary>
    /// <param name="source">Where the spec was declared.</param>
    /// <param name="column">The column's (trimmed) text, one per row.</param>
    /// <param name="declared">The listed values.</param>
    /// <param name="path">The spec path of the list (<c>heads.z.positive</c>).</param>
    /// <param name="columnName">The column's name, for the message.</param>
    public static void Check(SpecSourceMap source, string[] column, IReadOnlyList<string> declared, string path, string columnName)
    {
        var present = new HashSet<string>(column, StringComparer.Ordinal);
        for (var i = 0; i < declared.Count; i++)
        {
            if (!present.Contains(declared[i]))
            {
                var categories = present.Order(StringComparer.Ordinal).ToArray();
                var listed = Listed(categories);
                throw new FairMtlException(
                    DiagnosticCodes.UnknownReference,
                    source.Locate($"{path}[{i}]"),
                    $"unknown category '{declared[i]}' of column '{columnName}'{NameSuggestions.DidYouMean(declared[i], categories)} "
                    + $"(its values: {listed})");
            }
        }
    }

    /// <summary>The first 12 of <paramref name="values"/> for a message, then "...".</summary>
    public static string Listed(IReadOnlyList<string> values) =>
        values.Count <= 12 ? string.Join(", ", values) : string.Join(", ", values.Take(12)) + ", ...";

    /// <summary>1 for the rows whose text is one of <paramref name="declared"/>, 0 for the others, once every declared
    /// value is known to occur (<see cref="Check"/>, with the same arguments).</summary>
    public static double[] Indicator(SpecSourceMap source, string[] column, IReadOnlyList<string> declared, string path, string columnName)
    {
        Check(source, column, declared, path, columnName);
        var values = new HashSet<string>(declared, StringComparer.Ordinal);
        var indicator = new double[column.Length];
        for (var r = 0; r < column.Length; r++)
        {
            indicator[r] = values.Contains(column[r]) ? 1d : 0d;
        }

        return indicator;
    }
}
