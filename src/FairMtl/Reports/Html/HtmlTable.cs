using System.Text;
using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Html;

/// <summary>A table of the report page: header, rows of display text, numeric columns right-aligned, highlighted rows.</summary>
/// <param name="Id">The element id (also the anchor).</param>
/// <param name="Title">The caption.</param>
/// <param name="Note">A sentence under the caption, or null.</param>
/// <param name="Columns">Header texts.</param>
/// <param name="Rows">Cells as display text.</param>
/// <param name="Highlighted">Per row: whether it is emphasised (e.g. on the Pareto front).</param>
public sealed record HtmlTable(string Id, string Title, string? Note, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows, IReadOnlyList<bool> Highlighted)
{
    /// <summary>
    /// A stored CSV as a report table: <paramref name="columns"/> (all when null) that exist and are not empty in every
    /// row; a column <c>X</c> followed by <c>X_sd</c> shows as one <c>mean ± sd</c> column.
    /// </summary>
    public static HtmlTable FromCsv(string id, string title, string? note, CsvTable csv, IReadOnlyList<string>? columns = null, Func<int, bool>? highlight = null)
    {
        var chosen = (columns ?? csv.Columns).Where(column => csv.Has(column) && csv.Rows.Any(row => row[csv.IndexOf(column)].Length > 0)).ToList();
        var merged = chosen.Where(column => !chosen.Any(other => RunColumns.Sd(other) == column)).ToArray();
        var rows = csv.Rows.Select(row => merged.Select(column =>
        {
            var value = HtmlText.Number(row[csv.IndexOf(column)]);
            var sd = RunColumns.Sd(column);
            return chosen.Contains(sd) && row[csv.IndexOf(sd)].Length > 0 ? HtmlText.WithSpread(value, HtmlText.Number(row[csv.IndexOf(sd)])) : value;
        }).ToArray()).ToArray();
        var highlighted = Enumerable.Range(0, csv.Rows.Count).Select(row => highlight?.Invoke(row) ?? false).ToArray();
        return new HtmlTable(id, title, note, merged, rows, highlighted);
    }

    /// <summary>The table as HTML, in a horizontally scrollable wrapper on screen.</summary>
    public string Render()
    {
        var numeric = Enumerable.Range(0, Columns.Count)
            .Select(c => Rows.All(row => row[c].Length == 0 || IsNumeric(row[c])) && Rows.Any(row => row[c].Length > 0))
            .ToArray();
        var html = new StringBuilder();
        html.Append($"<div class=\"table\" id=\"{Id}\">\n<h3>{HtmlText.Escape(Title)}</h3>\n");
        if (Note is not null)
        {
            html.Append($"<p class=\"note\">{HtmlText.Escape(Note)}</p>\n");
        }

        html.Append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (var c = 0; c < Columns.Count; c++)
        {
            html.Append(numeric[c] ? "<th class=\"num\">" : "<th>").Append(HtmlText.Escape(Columns[c])).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        for (var r = 0; r < Rows.Count; r++)
        {
            html.Append(Highlighted[r] ? "<tr class=\"front\">" : "<tr>");
            for (var c = 0; c < Columns.Count; c++)
            {
                html.Append(numeric[c] ? "<td class=\"num\">" : "<td>").Append(HtmlText.Escape(Rows[r][c])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n</div>\n");
        return html.ToString();
    }

    private static bool IsNumeric(string cell)
    {
        var head = cell.Split(HtmlText.PlusMinus)[0];
        return head is "n/a" or "∞" or "-∞" || double.TryParse(head, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
    }
}
