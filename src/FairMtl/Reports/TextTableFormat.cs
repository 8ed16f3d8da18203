using System.Globalization;
using System.Text;

namespace FairMtl.Reports;

/// <summary>
/// A Markdown pipe table of the terminal columns, numbers with a fixed number of decimals under the invariant culture.
/// It reads well in a terminal and pastes into Markdown as is.
/// </summary>
public static class TextTableFormat
{
    /// <summary>
    /// The terminal view of <paramref name="table"/>: its terminal columns, each cell formatted as text (a column's
    /// <see cref="TableColumn.Format"/>, else <paramref name="decimals"/> fixed decimals, under the invariant culture).
    /// Every terminal rendering (this Markdown table, the host's interactive table) starts from it.
    /// </summary>
    public static FormattedTable Format(Table table, int decimals = 4)
    {
        var columns = table.Columns.Select((column, index) => (column, index)).Where(x => x.column.Terminal).ToArray();
        var cells = table.Rows
            .Select(row => columns.Select(x => FormatCell(row[x.index], x.column.Format ?? "F" + decimals)).ToArray())
            .ToArray();
        var numeric = columns
            .Select(x => table.Rows.All(row => row[x.index] is null or double or int or long))
            .ToArray();
        return new FormattedTable(table.Title, columns.Select(x => x.column.Name).ToArray(), numeric, cells, table.HighlightedRows)
        {
            Keys = columns.Select(x => x.column.Key).ToArray(),
        };
    }

    /// <summary>The Markdown pipe table of <paramref name="table"/> (highlighted rows are not marked).</summary>
    public static string Render(Table table, int decimals = 4)
    {
        var formatted = Format(table, decimals);
        var cells = formatted.Cells;
        var numeric = formatted.Numeric;
        var widths = Enumerable.Range(0, formatted.Headers.Count).Select(formatted.ColumnWidth).ToArray();

        var builder = new StringBuilder();
        builder.Append("### ").Append(formatted.Title).Append("\n\n");
        AppendRow(builder, formatted.Headers, widths, numeric);
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

    private static void AppendRow(StringBuilder builder, IReadOnlyList<string> cells, int[] widths, IReadOnlyList<bool> numeric)
    {
        builder.Append('|');
        for (var c = 0; c < cells.Count; c++)
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

/// <summary>A table's terminal view: what <see cref="TextTableFormat.Format"/> returns.</summary>
/// <param name="Title">The table's title.</param>
/// <param name="Headers">The terminal columns' names.</param>
/// <param name="Numeric">Per terminal column, whether every cell is a number or empty (such columns align right).</param>
/// <param name="Cells">Per row, one formatted cell per terminal column (empty for a null cell).</param>
/// <param name="HighlightedRows">The table's <see cref="Table.HighlightedRows"/>.</param>
public sealed record FormattedTable(
    string Title,
    IReadOnlyList<string> Headers,
    IReadOnlyList<bool> Numeric,
    IReadOnlyList<IReadOnlyList<string>> Cells,
    IReadOnlySet<int> HighlightedRows)
{
    /// <summary>Per terminal column, whether it names the row (<see cref="TableColumn.Key"/>).</summary>
    public IReadOnlyList<bool> Keys { get; init; } = [];

    /// <summary>The characters the widest cell of <paramref name="column"/>, its header included, takes.</summary>
    public int ColumnWidth(int column) => Cells.Select(row => row[column].Length).Append(Headers[column].Length).Max();
}
