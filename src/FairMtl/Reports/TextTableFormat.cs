using System.Globalization;
using System.Text;

namespace FairMtl.Reports;

/// <summary>
/// A Markdown pipe table of the terminal columns, numbers with a fixed number of decimals under the invariant culture.
/// It reads well in a terminal and pastes into Markdown as is.
/// </summary>
public static class TextTableFormat
{
    public static string Render(Table table, int decimals = 4)
    {
        var columns = table.Columns.Select((column, index) => (column, index)).Where(x => x.column.Terminal).ToArray();
        var cells = table.Rows
            .Select(row => columns.Select(x => FormatCell(row[x.index], x.column.Format ?? "F" + decimals)).ToArray())
            .ToArray();
        var widths = columns
            .Select((x, c) => cells.Select(row => row[c].Length).Append(x.column.Name.Length).Max())
            .ToArray();
        var numeric = columns
            .Select(x => table.Rows.All(row => row[x.index] is null or double or int or long))
            .ToArray();

        var builder = new StringBuilder();
        builder.Append("### ").Append(table.Title).Append("\n\n");
        AppendRow(builder, columns.Select(x => x.column.Name).ToArray(), widths, numeric);
        builder.Append('|');
        for (var c = 0; c < widths.Length; c++)
        {
            builder.Append(' ').Append('-', Math.Max(widths[c] - 1, 1)).Append(numeric[c] ? ':' : '-').Append(" |");
        }

        builder.Append('\n');
        foreach (var row in cells)
        {
            AppendRow(builder, row, widths, numeric);
        }

        return builder.ToString();
    }

    private static void AppendRow(StringBuilder builder, string[] cells, int[] widths, bool[] numeric)
    {
        builder.Append('|');
        for (var c = 0; c < cells.Length; c++)
        {
            builder.Append(' ')
                .Append(numeric[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]))
                .Append(" |");
        }

        builder.Append('\n');
    }

    private static string FormatCell(object? cell, string format) => cell switch
    {
        null => string.Empty,
        double value => value.ToString(format, CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };
}
