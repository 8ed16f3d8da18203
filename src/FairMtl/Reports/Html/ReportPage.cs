using System.Text;
using System.Text.Json;
using FairMtl.Reports.Figures;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Html;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the experiment's
/// description, findings, data provenance, figures, tables, timings, code version and resolved spec, built from the
/// stored result files alone. Laid out for a 1200 px window and for print.
/// </summary>
public static class ReportPage
{
    /// <summary>The file name of the page in a results folder.</summary>
    public const string FileName = "report.html";

    private const string Style = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; padding: 24px 32px 48px; max-width: 1200px; font: 14px/1.5 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; color: #1d1d1d; background: #ffffff; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d0d0d0; }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        p { margin: 6px 0; }
        .meta, .note, figcaption, footer { color: #555555; }
        .note { font-size: 13px; margin: 0 0 6px; }
        .findings { background: #f3f7fb; border-left: 4px solid #0072B2; padding: 8px 14px; margin: 14px 0; }
        .findings p { margin: 4px 0; }
        .findings.failures { background: #fdf3ea; border-left-color: #D55E00; }
        nav { margin: 10px 0 0; font-size: 13px; }
        nav a { margin-right: 14px; color: #0072B2; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; margin: 8px 0; font-size: 13px; }
        dl.facts dt { font-weight: bold; color: #333333; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        figure { margin: 18px 0 26px; break-inside: avoid; page-break-inside: avoid; }
        figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #e6e6e6; }
        figcaption { font-size: 13px; margin-top: 6px; max-width: 760px; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; margin: 4px 0 10px; }
        th, td { padding: 3px 9px; border-bottom: 1px solid #e4e4e4; text-align: left; white-space: nowrap; }
        th { background: #f4f4f4; border-bottom: 1px solid #bdbdbd; }
        td.num, th.num { text-align: right; }
        tr.front td { font-weight: bold; background: #eef6ee; }
        details { margin: 10px 0; }
        summary { cursor: pointer; color: #0072B2; }
        pre { background: #f7f7f7; border: 1px solid #e4e4e4; padding: 10px; font-size: 12px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
        footer { margin-top: 36px; font-size: 12px; border-top: 1px solid #d0d0d0; padding-top: 8px; }
        @media print {
          @page { size: A4; margin: 14mm; }
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          .table, h3 { break-inside: avoid-page; }
          .scroll { overflow: visible; }
          table { font-size: 8pt; }
          th, td { padding: 1px 5px; }
          tr.front td { background: none; }
          figure svg { border: none; width: 100%; }
          .findings { background: none; }
          pre { white-space: pre-wrap; font-size: 7.5pt; }
        }
        """;

    /// <summary>Builds the page and the figures for the results in <paramref name="results"/>.</summary>
    public static (string Html, IReadOnlyList<Figure> Figures) Build(StoredResults results)
    {
        var content = results.Kind switch
        {
            ResultKind.Experiment => ExperimentReport.Create(results),
            ResultKind.Comparison => ComparisonReport.Create(results),
            ResultKind.FairMt => FairMtReport.Create(results),
            _ => MultiTaskReport.Create(results),
        };
        var name = results.String("experiment");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>{HtmlText.Escape(name)}: FairMtl report</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n");
        html.Append($"<header>\n<h1>{HtmlText.Escape(name)}</h1>\n");
        var description = results.Text("description", results.Text("spec.description", string.Empty));
        if (description.Length > 0)
        {
            html.Append($"<p class=\"description\">{HtmlText.Escape(description)}</p>\n");
        }

        html.Append($"<p class=\"meta\">{HtmlText.Escape(content.Kind)} · declared in {HtmlText.Escape(results.String("experiment_file"))} · {HtmlText.Escape(VersionLine(results))}</p>\n");
        html.Append("<nav><a href=\"#data\">Data</a><a href=\"#figures\">Figures</a><a href=\"#tables\">Tables</a><a href=\"#run\">Timings and versions</a><a href=\"#spec\">Spec</a></nav>\n</header>\n");
        if (FailureFinding(results) is { } failures)
        {
            html.Append($"<section class=\"findings failures\">\n<p>{HtmlText.Escape(failures)}</p>\n</section>\n");
        }

        if (content.Findings.Count > 0)
        {
            html.Append("<section class=\"findings\">\n");
            foreach (var finding in content.Findings)
            {
                html.Append($"<p>{HtmlText.Escape(finding)}</p>\n");
            }

            html.Append("</section>\n");
        }

        AppendData(html, results);
        html.Append("<section id=\"figures\">\n<h2>Figures</h2>\n");
        for (var i = 0; i < content.Figures.Count; i++)
        {
            var figure = content.Figures[i];
            html.Append($"<figure id=\"figure-{figure.Name}\">\n{figure.Svg}<figcaption><b>Figure {i + 1}.</b> {HtmlText.Escape(figure.Caption)} (figures/{figure.Name}.svg)</figcaption>\n</figure>\n");
        }

        html.Append("</section>\n<section id=\"tables\">\n<h2>Tables</h2>\n");
        foreach (var table in content.Tables)
        {
            html.Append(table.Render());
        }

        foreach (var table in content.Details)
        {
            html.Append($"<details>\n<summary>{HtmlText.Escape(table.Title)}: {table.Rows.Count} rows</summary>\n{table.Render()}</details>\n");
        }

        html.Append("</section>\n");
        AppendRun(html, results);
        html.Append($"<section id=\"spec\">\n<h2>Resolved spec</h2>\n<pre>{HtmlText.Escape(results.Json(content.SpecPath))}</pre>\n</section>\n");
        html.Append("<footer>Built by FairMtl from summary.json and the CSV files of this folder; rebuild it without training with <code>dotnet run --project src/FairMtl.Host -- report &lt;this folder&gt;</code>.</footer>\n");
        html.Append("</body>\n</html>\n");
        return (html.ToString(), content.Figures);
    }

    private static string VersionLine(StoredResults results)
    {
        var commit = results.Text("versions.commit", string.Empty);
        return "FairMtl " + results.Text("versions.fairmtl", "unknown") + (commit.Length == 0 ? string.Empty : " (commit " + commit[..Math.Min(12, commit.Length)] + ")");
    }

    /// <summary>
    /// The warning at the top when runs failed: how many of all (summary.json's <c>runs</c>: its counts other than
    /// <c>failed</c> add up to all runs) and the first reason; null when none failed.
    /// </summary>
    private static string? FailureFinding(StoredResults results)
    {
        if (results.Find("runs") is not { ValueKind: JsonValueKind.Object } runs
            || !runs.TryGetProperty("failed", out var failed) || failed.GetInt32() == 0)
        {
            return null;
        }

        var total = runs.EnumerateObject()
            .Where(count => count.Name != "failed" && count.Value.ValueKind == JsonValueKind.Number)
            .Sum(count => count.Value.GetInt32());
        var first = runs.TryGetProperty("failures", out var failures) && failures.GetArrayLength() > 0
            && failures[0].TryGetProperty("message", out var message)
                ? $" The first reason: {StoredResults.Display(message)}."
                : string.Empty;
        return $"{failed.GetInt32()} of {total} runs failed; the figures and the means leave them out.{first} All are listed under Timings and versions.";
    }

    private static void AppendData(StringBuilder html, StoredResults results)
    {
        html.Append("<section id=\"data\">\n<h2>Data</h2>\n");
        if (results.Find("data.files") is { ValueKind: JsonValueKind.Array } files && files.GetArrayLength() > 0)
        {
            html.Append("<div class=\"scroll\"><table>\n<thead><tr><th>file</th><th>sha256</th><th class=\"num\">rows read</th></tr></thead>\n<tbody>\n");
            foreach (var file in files.EnumerateArray())
            {
                html.Append($"<tr><td>{HtmlText.Escape(Property(file, "file"))}</td><td><code>{HtmlText.Escape(Property(file, "sha256"))}</code></td><td class=\"num\">{HtmlText.Escape(Property(file, "rows_read"))}</td></tr>\n");
            }

            html.Append("</tbody>\n</table></div>\n");
        }

        if (results.Find("data") is { ValueKind: JsonValueKind.Object } data)
        {
            AppendFacts(html, data, skip: ["files", "file", "sha256"]);
        }

        if (results.Find("protocol") is { ValueKind: JsonValueKind.Object } protocol)
        {
            html.Append("<h3>Protocol</h3>\n");
            AppendFacts(html, protocol, skip: []);
        }

        html.Append("</section>\n");
    }

    private static void AppendRun(StringBuilder html, StoredResults results)
    {
        html.Append("<section id=\"run\">\n<h2>Timings and versions</h2>\n");
        foreach (var (path, title) in new[] { ("runs", "Runs"), ("timings", "Timings"), ("versions", "Versions") })
        {
            if (results.Find(path) is { ValueKind: JsonValueKind.Object } element)
            {
                html.Append($"<h3>{title}</h3>\n");
                AppendFacts(html, element, skip: ["failures"]);
            }
        }

        if (results.Find("runs.failures") is { ValueKind: JsonValueKind.Array } failures && failures.GetArrayLength() > 0)
        {
            html.Append("<h3>Failed runs</h3>\n<ul>\n");
            foreach (var failure in failures.EnumerateArray())
            {
                html.Append($"<li>{HtmlText.Escape(string.Join(", ", failure.EnumerateObject().Select(p => p.Name + " " + StoredResults.Display(p.Value))))}</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>An object's properties as a definition list: scalars as they are, nested objects flattened with
    /// dotted names, lists of scalars joined (long ones shortened: summary.json holds them whole).</summary>
    private static void AppendFacts(StringBuilder html, JsonElement element, string[] skip)
    {
        html.Append("<dl class=\"facts\">\n");
        foreach (var (name, value) in Flatten(element, string.Empty).Where(fact => !skip.Contains(fact.Name.Split('.')[0])))
        {
            html.Append($"<dt>{HtmlText.Escape(name.Replace('_', ' '))}</dt><dd>{HtmlText.Escape(value)}</dd>\n");
        }

        html.Append("</dl>\n");
    }

    private static IEnumerable<(string Name, string Value)> Flatten(JsonElement element, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var nested in Flatten(property.Value, name + "."))
                    {
                        yield return nested;
                    }

                    break;
                case JsonValueKind.Array when property.Value.EnumerateArray().All(item => item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                    var items = property.Value.EnumerateArray().Select(Fact).ToArray();
                    yield return (name, items.Length <= 12
                        ? string.Join(", ", items)
                        : $"{items.Length}: {string.Join(", ", items.Take(10))}, … (all in summary.json)");
                    break;
                case JsonValueKind.Array:
                    break;
                default:
                    yield return (name, Fact(property.Value));
                    break;
            }
        }
    }

    /// <summary>A value of summary.json for reading: numbers as the tables show them (392.205, not 392.20500000000004).</summary>
    private static string Fact(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? HtmlText.Number(value.GetRawText()) : StoredResults.Display(value);

    private static string Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? StoredResults.Display(value) : string.Empty;
}
