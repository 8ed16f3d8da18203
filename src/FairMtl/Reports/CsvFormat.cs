using System.Globalization;
using System.Text;

namespace FairMtl.Reports;

/// <summary>
/// CSV with every column, numbers in the invariant culture's shortest round-trip form (so a value read back is
/// bit-identical), LF line endings, and quoting only where a field needs it.
/// </summary>
public static class CsvFormat
{
    public static string Write(Table table)
    {
        var builder = new StringBuilder();
        builder.AppendJoin(',', table.Columns.Select(column => Escape(column.Name))).Append('\n');
        foreach (var row in table.Rows)
        {
            builder.AppendJoin(',', row.Select(cell => Escape(FormatCell(cell)))).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>A cell as CSV text: round-trip numbers, empty for null.</summary>
    public static string FormatCell(object? cell) => cell switch
    {
        null => string.Empty,
        double value => value.ToString("R", CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
