using FairMtl.Reports.Figures;
using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Html;

/// <summary>The report content of a multi-task comparison: the ARFG-ARE figure, the methods and references tables.</summary>
public static class MultiTaskReport
{
    public static ReportContent Create(StoredResults results)
    {
        var tables = new List<HtmlTable>
        {
            HtmlTable.FromCsv("table-methods", "Methods: the selected setting of each", "ARFG/ARE relative to the single-task references; the paper's rule picks the front point of median ARE.", results.Table(TableNames.Methods)),
            HtmlTable.FromCsv("table-references", "Single-task references", null, results.Table(TableNames.References)),
        };
        var runs = results.Table(TableNames.Runs);
        var details = new[] { HtmlTable.FromCsv("table-runs", "Every run (runs.csv)", null, runs, highlight: row => runs.Flag(row, RunColumns.OnFront)) };
        return new ReportContent("multi-task comparison", [], MultiTaskFigures.Create(results), tables, details, ComparisonReport.SpecPath(results));
    }
}
