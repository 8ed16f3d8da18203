using FairMtl.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;
using Table = FairMtl.Reports.Table;

namespace FairMtl.Host.Output;

/// <summary>
/// Draws each table with Spectre.Console: a bold title, a rounded border, numeric columns aligned right, the cells
/// formatted as in the Markdown table (<see cref="TextTableFormat.Format"/>), and the highlighted rows (the Pareto
/// front's) in <see cref="HighlightStyle"/> with <see cref="Marker"/> in a first column. Cells are plain text, never
/// markup: a cell such as <c>[red]</c> prints as is. A table wider than the console is drawn in parts, each with the
/// key columns (what names the row: sweep values, seed, method) and as many further columns as fit, so that no number
/// is ever broken across lines; only a text column too wide for any part wraps. Columns with no text at all (an empty
/// <c>message</c>) are left out; the Markdown view keeps them.
/// </summary>
public sealed class SpectreTableWriter(IAnsiConsole console) : ITableWriter
{
    /// <summary>What marks a highlighted row in the first column (shown only when the table has highlighted rows).</summary>
    public const string Marker = "*";

    /// <summary>The border and the padding of one column in a rounded Spectre table: a space each side and one rule.</summary>
    private const int ColumnChrome = 3;

    /// <summary>The style of a highlighted row: bold green.</summary>
    public static Style HighlightStyle { get; } = new(Color.Green, decoration: Decoration.Bold);

    public Task WriteAsync(Table table)
    {
        var formatted = TextTableFormat.Format(table);
        var parts = Parts(formatted, console.Profile.Width);
        for (var p = 0; p < parts.Count; p++)
        {
            var title = parts.Count == 1 ? formatted.Title : $"{formatted.Title} (part {p + 1} of {parts.Count})";
            console.Write(new Text(title, new Style(decoration: Decoration.Bold)));
            console.WriteLine();
            console.Write(Grid(formatted, parts[p]));
            console.WriteLine();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The columns of each part, leaving out columns whose every cell is empty (such as <c>message</c> when no run
    /// failed): all of them when the table fits in <paramref name="width"/>; otherwise, in each part, the key columns
    /// (<see cref="FormattedTable.Keys"/>; the first column when none is a key) and as many of the other columns, in
    /// order, as fit beside them (at least one).
    /// </summary>
    internal static IReadOnlyList<int[]> Parts(FormattedTable table, int width)
    {
        var widths = Enumerable.Range(0, table.Headers.Count).Select(c => table.ColumnWidth(c) + ColumnChrome).ToArray();
        var isKey = Enumerable.Range(0, widths.Length).Select(c => c < table.Keys.Count && table.Keys[c]).ToArray();
        var shown = Enumerable.Range(0, widths.Length)
            .Where(c => isKey[c] || table.Cells.Count == 0 || table.Cells.Any(row => row[c].Length > 0))
            .ToArray();
        var frame = 1 + (table.HighlightedRows.Count > 0 ? Marker.Length + ColumnChrome : 0);
        if (shown.Length <= 1 || frame + shown.Sum(c => widths[c]) <= width)
        {
            return [shown];
        }

        var keys = shown.Where(c => isKey[c]).DefaultIfEmpty(shown[0]).ToArray();
        var keyWidth = frame + keys.Sum(c => widths[c]);
        var parts = new List<int[]>();
        var group = new List<int>();
        var used = keyWidth;
        foreach (var c in shown.Except(keys))
        {
            if (group.Count > 0 && used + widths[c] > width)
            {
                parts.Add([.. keys, .. group]);
                group.Clear();
                used = keyWidth;
            }

            group.Add(c);
            used += widths[c];
        }

        parts.Add([.. keys, .. group]);
        return parts;
    }

    private static Spectre.Console.Table Grid(FormattedTable formatted, IReadOnlyList<int> columns)
    {
        var marked = formatted.HighlightedRows.Count > 0;
        var grid = new Spectre.Console.Table().Border(TableBorder.Rounded);
        if (marked)
        {
            grid.AddColumn(new Spectre.Console.TableColumn(new Text(string.Empty)).NoWrap());
            grid.Caption(new TableTitle(Markup.Escape($"{Marker} on the Pareto front"), HighlightStyle));
        }

        foreach (var c in columns)
        {
            var column = new Spectre.Console.TableColumn(new Text(formatted.Headers[c]));
            grid.AddColumn(formatted.Numeric[c] ? column.RightAligned().NoWrap() : column);
        }

        for (var r = 0; r < formatted.Cells.Count; r++)
        {
            var highlighted = formatted.HighlightedRows.Contains(r);
            var style = highlighted ? HighlightStyle : Style.Plain;
            var cells = columns.Select(c => (IRenderable)new Text(formatted.Cells[r][c], style));
            grid.AddRow(marked ? cells.Prepend(new Text(highlighted ? Marker : string.Empty, style)) : cells);
        }

        return grid;
    }
}
