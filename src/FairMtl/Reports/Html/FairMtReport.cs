using FairMtl.Reports.Figures;
using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Html;

/// <summary>The report content of a FairMT experiment: its figures, the methods table, one table per task, every run.</summary>
public static class FairMtReport
{
    public static ReportContent Create(StoredResults results)
    {
        var methods = results.Table(TableNames.Methods);
        var tables = new List<HtmlTable>
        {
            HtmlTable.FromCsv(
                "table-methods",
                "Methods at each sweep point",
                "F: the test constraint (aggregated one-sided violations of the group harms); rel_error: mean task error relative to unconstrained MTL; means over repetitions with 95% intervals. This kind follows the FairMT abstract; the formulas are this project's (docs/fairmt.md).",
                methods,
                highlight: row => methods.Flag(row, RunColumns.OnFront)),
        };
        tables.AddRange(FairMtFigures.TaskNames(results).Select(task => HtmlTable.FromCsv(
            "table-task-" + task,
            $"Task '{task}'",
            "worst_change / best_change: the harm of the group worst / best off under unconstrained MTL, this method's minus MTL's (same repetition); best_change above 0 is levelling down.",
            results.Table(FairMtColumns.TaskTable(task)))));
        var details = new[] { HtmlTable.FromCsv("table-runs", "Every run (runs.csv)", null, results.Table(TableNames.Runs)) };
        return new ReportContent("FairMT experiment", [], FairMtFigures.Create(results), tables, details, ComparisonReport.SpecPath(results));
    }
}
