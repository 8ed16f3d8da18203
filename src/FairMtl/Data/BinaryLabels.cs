using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// A column turned into labels 0 and 1, the same way for every kind (a sweep's binary head, a comparison's task): the
/// rows holding one of the <c>positive</c> values of a text column, the rows above <c>above</c> of a numeric column, or
/// a column that holds 0 and 1 itself.
/// </summary>
internal static class BinaryLabels
{
    /// <summary>The label of every row.</summary>
    /// <param name="table">The parsed rows (the column read as text with <paramref name="positive"/>, else as numbers).</param>
    /// <param name="source">Where the spec was declared.</param>
    /// <param name="path">The spec path of the declaration (<c>heads.z</c>, <c>tasks.income</c>).</param>
    /// <param name="what">What the labels are for, in messages (<c>head 'z'</c>, <c>task 'income'</c>).</param>
    /// <param name="column">The column.</param>
    /// <param name="positive">The values of label 1, or empty.</param>
    /// <param name="above">The number above which a value is label 1, or null.</param>
    /// <exception cref="FairMtlException">A listed value the column does not hold (FMTL008), or a value other than 0 and
    /// 1 in a column without either rule (FMTL003), located at the value.</exception>
    public static double[] Of(
        DataTable table, SpecSourceMap source, string path, string what, string column, IReadOnlyList<string> positive, double? above)
    {
        if (positive.Count > 0)
        {
            return DeclaredValues.Indicator(source, table.Text(column), positive, $"{path}.positive", column);
        }

        var values = table.Column(column);
        var labels = new double[values.Length];
        for (var row = 0; row < values.Length; row++)
        {
            labels[row] = above is { } threshold ? (values[row] > threshold ? 1d : 0d)
                : values[row] is 0d or 1d ? values[row]
                : throw new FairMtlException(
                    DiagnosticCodes.InvalidValue,
                    table.Locate(column, row),
                    $"{what} needs 0/1 values in column '{column}', found {values[row].ToString(CultureInfo.InvariantCulture)} "
                    + $"(expected 0 or 1, or list the values of label 1 under '{path}.positive', or give '{path}.above')");
        }

        return labels;
    }
}
