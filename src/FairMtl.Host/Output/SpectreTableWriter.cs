using FairMtl.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;
using Table = FairMtl.Reports.Table;

namespace FairMtl.Host.Output;

/// <summary>
/// Draws each table with Spectre.Console: a bold title, a rounded border, numeric columns aligned right, the cells
/// formatted as in the Markdown table (<see cref="TextTableFormat.Format"/>), and the highlighted rows (the Pareto
/// front's) in <see cref="HighlightStyle"/> with <see cref="Marker"/> in a first column. Cells are plain text, never
/// markup: a cell such as <c>[red]</c> prints as is. Wide tables wrap their cells to the console width.
/// </summary>
public sealed class SpectreTableWriter(IAnsiConsole console) : ITableWriter
{
    /// <summary>What marks a highlighted row in the first column (shown only when the table has highlighted rows).</summary>
    public const string Marker = "*";

    /// <summary>The style of a highlighted row: bold green.</summary>
    public static Style HighlightStyle { get; } = new(Color.Green, decoration: Decoration.Bold);

    public Task WriteAsync(Table table)
    {
        var formatted = TextTableFormat.Format(table);
        var marked = formatted.HighlightedRows.Count > 0;
        var grid = new Spectre.Console.Table().Border(TableBorder.Rounded);
        if (marked)
        {
            grid.AddColumn(new Spectre.Console.TableColumn(new Text(string.Empty)).NoWrap());
            grid.Caption(new TableTitle(Markup.Escape($"{Marker} on the Pareto front"), HighlightStyle));
        }

        for (var c = 0; c < formatted.Headers.Count; c++)
        {
            var column = new Spectre.Console.TableColumn(new Text(formatted.Headers[c]));
            grid.AddColumn(formatted.Numeric[c] ? column.RightAligned() : column);
        }

        for (var r = 0; r < formatted.Cells.Count; r++)
        {
            var highlighted = formatted.HighlightedRows.Contains(r);
            var style = highlighted ? HighlightStyle : Style.Plain;
            var cells = formatted.Cells[r].Select(cell => (IRenderable)new Text(cell, style));
            grid.AddRow(marked ? cells.Prepend(new Text(highlighted ? Marker : string.Empty, style)) : cells);
        }

        console.Write(new Text(formatted.Title, new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        console.Write(grid);
        console.WriteLine();
        return Task.CompletedTask;
    }
}
