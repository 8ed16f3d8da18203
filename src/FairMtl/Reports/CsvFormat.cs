using System.Globalization;
using System.Text;

namespace FairMtl.Reports;

/// <summary>
/// CSV with every file column, LF line endings, quoting only where a field needs it, and numbers under the invariant
/// culture: by default in the shortest round-trip form (so a value read back is bit-identical).
/// </summary>
public static class CsvFormat
{
    /// <summary>The table as CSV; <paramref name="numberFormat"/> formats the doubles ("R": round-trip).</summary>
    public static string Write(Table table, string numberFormat = "R")
    {
        var builder = new StringBuilder();
        var columns = Enumerable.Range(0, table.Columns.Count).Where(c => table.Columns[c].File).ToArray();
        builder.AppendJoin(',', columns.Select(c => Escape(table.Columns[c].Name))).Append('\n');
        foreach (var row in table.Rows)
        {
            builder.AppendJoin(',', columns.Select(c => Escape(FormatCell(row[c], numberFormat)))).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>A cell as CSV text: numbers in <paramref name="numberFormat"/>, empty for null.</summary>
    public static string FormatCell(object? cell, string numberFormat = "R") => cell switch
    {
        null => string.Empty,
        double value => value.ToString(numberFormat, CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
