using FairMtl.Reports.Figures;
using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Html;

/// <summary>The report content of a method comparison: the AUC-vs-EOD figures, the methods and front tables.</summary>
public static class ComparisonReport
{
    public static ReportContent Create(StoredResults results)
    {
        var tables = new List<HtmlTable>
        {
            HtmlTable.FromCsv("table-methods", "Methods: mean ± sd over the repetitions", "MR: mean rank over the metrics; delta_m_pct: mean relative change against single-task learning (%).", results.Table(TableNames.Methods)),
        };
        if (results.HasTable(TableNames.Front))
        {
            var front = results.Table(TableNames.Front);
            tables.Add(HtmlTable.FromCsv("table-front", "Fronts over lambda", "Bold: on the front.", front, highlight: row => front.Flag(row, RunColumns.OnFront)));
        }

        var details = new[] { HtmlTable.FromCsv("table-runs", "Every run (runs.csv)", null, results.Table(TableNames.Runs)) };
        return new ReportContent("method comparison", [], ComparisonFigures.Create(results), tables, details, SpecPath(results));
    }

    /// <summary>The resolved spec when summary.json has one, the protocol otherwise.</summary>
    internal static string SpecPath(StoredResults results) => results.Find("spec") is null ? "protocol" : "spec";
}
