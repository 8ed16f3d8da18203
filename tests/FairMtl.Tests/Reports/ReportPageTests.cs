using System.Text.RegularExpressions;
using FairMtl.Diagnostics;
using FairMtl.Reports;
using FairMtl.Reports.Html;
using FairMtl.Reports.Stored;

namespace FairMtl.Tests.Reports;

/// <summary>What the report page must hold and must not do, checked on the stored fixtures; and the located errors of
/// a broken results folder.</summary>
public class ReportPageTests
{
    [Theory]
    [InlineData("sweep")]
    [InlineData("comparison")]
    [InlineData("multi-task")]
    public void The_page_is_self_contained(string fixture)
    {
        var html = Build(fixture);

        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("url(http", Case.Insensitive);
        Regex.Matches(html, "(?:src|href)=\"(?!#)").Count.ShouldBe(0);
        Regex.Matches(html, "https?://").Cast<Match>().Select(m => html.Substring(m.Index, 26)).Distinct()
            .ShouldBe(["http://www.w3.org/2000/svg"]);
        html.ShouldContain("<style>");
        html.ShouldStartWith("<!DOCTYPE html>");
    }

    [Fact]
    public void A_sweep_report_holds_description_provenance_figures_tables_timings_version_and_spec()
    {
        var html = Build("sweep");

        html.ShouldContain("<h1>parkinson-3seeds</h1>");
        html.ShouldContain("Parkinson telemonitoring");
        html.ShouldContain("f2c7d5025dec4e92e7feae367a5f7ccf58789a10ac6b54bdf15976c599f9dd39");
        html.ShouldContain("<dt>rows</dt><dd>5875</dd>");
        Regex.Matches(html, "<figure id=\"figure-").Count.ShouldBe(3);
        Regex.Matches(html, "<svg ").Count.ShouldBe(3);
        foreach (var id in new[] { "table-baseline", "table-sweep", "table-pareto", "table-seeds", "table-runs" })
        {
            html.ShouldContain($"id=\"{id}\"");
        }

        html.ShouldContain("<dt>train seconds</dt><dd>1.5</dd>");
        html.ShouldContain("FairMtl 0.1.0 (commit 000000000000)");
        html.ShouldContain("&quot;loss&quot;: &quot;alpha * y + (5 - alpha) * z&quot;");
        html.ShouldContain("the sweep beats the baseline");
    }

    [Fact]
    public void The_sweep_table_highlights_exactly_the_points_of_pareto_csv()
    {
        using var folder = ReportFixtures.Copy("sweep");
        var paretoRows = File.ReadAllLines(Path.Combine(folder.Path, "pareto.csv")).Length - 1;
        using var results = StoredResults.Open(folder.Path);
        var html = ReportPage.Build(results).Html;

        var sweepTable = html[html.IndexOf("id=\"table-sweep\"", StringComparison.Ordinal)..html.IndexOf("id=\"table-pareto\"", StringComparison.Ordinal)];
        paretoRows.ShouldBeGreaterThan(0);
        Regex.Matches(sweepTable, "<tr class=\"front\">").Count.ShouldBe(paretoRows);
        Regex.Matches(sweepTable, "<tr").Count.ShouldBe(1 + 5);
    }

    [Fact]
    public void Failed_runs_are_stated_at_the_top_and_a_failed_baseline_is_neither_drawn_nor_claimed()
    {
        using var folder = ReportFixtures.Copy("sweep");
        var baseline = Path.Combine(folder.Path, "baseline.csv");
        var lines = File.ReadAllLines(baseline);
        File.WriteAllLines(baseline, lines.Take(1).Concat(lines.Skip(1).Select(line =>
            line.Split(',')[0] + ",1,1,failed,,,,,,,,,,,,,\"training diverged: loss of head 'y' became NaN\"")));
        var summary = Path.Combine(folder.Path, "summary.json");
        File.WriteAllText(summary, File.ReadAllText(summary).Replace(
            "\"failed\": 0,\n    \"failures\": []",
            "\"failed\": 3,\n    \"failures\": [{ \"seed\": 42, \"message\": \"training diverged: loss of head 'y' became NaN\" }]"));

        using var results = StoredResults.Open(folder.Path);
        var (html, figures) = ReportPage.Build(results);

        html.ShouldContain("<section class=\"findings failures\">\n<p>3 of 18 runs failed; the figures and the means leave them out. " +
            "The first reason: training diverged: loss of head &#39;y&#39; became NaN. All are listed under Timings and versions.</p>");
        var pareto = figures.Single(figure => figure.Name == "pareto");
        pareto.Caption.ShouldContain("the single-task baseline failed, so it is not drawn.");
        pareto.Svg.ShouldNotContain("baseline (single-task)");
        figures.Single(figure => figure.Name == "error-mae").Svg.ShouldNotContain("stroke-dasharray=\"7 4\"");
        Build("sweep").ShouldNotContain("runs failed");
    }

    [Fact]
    public void Numbers_from_summary_json_are_shown_as_in_the_tables()
    {
        var html = BuildWithSummary("sweep", text => text.Replace("\"load_seconds\": 1.5", "\"load_seconds\": 392.20500000000004"));

        html.ShouldContain("<dt>load seconds</dt><dd>392.205</dd>");
        html.ShouldNotContain("392.20500000000004</dd>");
    }

    [Fact]
    public void Text_from_the_results_is_escaped()
    {
        var html = BuildWithSummary("sweep", text => text.Replace("Parkinson telemonitoring", "Parkinson <b>telemonitoring</b> & co"));

        html.ShouldContain("Parkinson &lt;b&gt;telemonitoring&lt;/b&gt; &amp; co");
        html.ShouldNotContain("<b>telemonitoring");
    }

    [Fact]
    public void A_missing_folder_or_summary_is_a_located_error()
    {
        using var folder = ReportFixtures.Copy("sweep");
        var missing = Path.Combine(folder.Path, "nope");
        Should.Throw<FairMtlException>(() => ReportWriter.Write(missing)).Message
            .ShouldBe($"{missing}: error FMTL017: no such folder (expected a results folder written by a run, e.g. results/parkinson)");

        File.Delete(Path.Combine(folder.Path, "summary.json"));
        Should.Throw<FairMtlException>(() => ReportWriter.Write(folder.Path)).Message
            .ShouldContain("summary.json: error FMTL017: file not found");
    }

    [Fact]
    public void Malformed_stored_files_are_located_errors_and_leave_an_existing_report_alone()
    {
        using var folder = ReportFixtures.Copy("sweep");
        ReportWriter.Write(folder.Path);
        var report = Path.Combine(folder.Path, ReportPage.FileName);
        var before = File.ReadAllBytes(report);

        var sweep = Path.Combine(folder.Path, "sweep.csv");
        var lines = File.ReadAllLines(sweep);
        lines[3] += ",extra";
        File.WriteAllText(sweep, string.Join('\n', lines) + "\n");
        Should.Throw<FairMtlException>(() => ReportWriter.Write(folder.Path)).Message
            .ShouldBe($"{sweep}(4,1): error FMTL017: 22 fields, expected 21 as in the header");

        var summary = Path.Combine(folder.Path, "summary.json");
        File.WriteAllText(summary, "{\n  \"experiment\": \"x\",\n  oops\n}\n");
        Should.Throw<FairMtlException>(() => ReportWriter.Write(folder.Path)).Message
            .ShouldStartWith($"{summary}(3,3): error FMTL017: not valid JSON");

        File.ReadAllBytes(report).ShouldBe(before);
        Directory.GetFiles(folder.Path, "*.tmp-*").ShouldBeEmpty();
    }

    /// <summary>The page of <paramref name="fixture"/> with <paramref name="edit"/> applied to its summary.json.</summary>
    private static string BuildWithSummary(string fixture, Func<string, string> edit)
    {
        using var folder = ReportFixtures.Copy(fixture);
        var summary = Path.Combine(folder.Path, "summary.json");
        File.WriteAllText(summary, edit(File.ReadAllText(summary)));
        using var results = StoredResults.Open(folder.Path);
        return ReportPage.Build(results).Html;
    }

    private static string Build(string fixture)
    {
        using var folder = ReportFixtures.Copy(fixture);
        using var results = StoredResults.Open(folder.Path);
        return ReportPage.Build(results).Html;
    }
}
