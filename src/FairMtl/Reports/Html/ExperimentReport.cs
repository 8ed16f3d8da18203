using FairMtl.Reports.Figures;
using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Html;

/// <summary>The report content of a sweep experiment: the seed verdict, the error and Pareto figures, the baseline,
/// per-point sweep, Pareto and (over several seeds) seed tables.</summary>
public static class ExperimentReport
{
    public static ReportContent Create(StoredResults results)
    {
        var sweep = StoredSweep.Read(results);
        var findings = new List<string>();
        if (results.Find("seed_analysis.verdict") is { } verdict && sweep.Seeds > 1)
        {
            findings.Add(StoredResults.Display(verdict));
        }

        var tables = new List<HtmlTable>
        {
            HtmlTable.FromCsv(
                "table-baseline",
                "Baseline: the single-task model, one row per seed",
                null,
                results.Table(TableNames.Baseline),
                [RunColumns.Seed, RunColumns.Epochs, RunColumns.Status, .. SweepColumns.RunMetrics, RunColumns.Message]),
            SweepTable(sweep),
            HtmlTable.FromCsv(
                "table-pareto",
                $"Pareto front: minimising ({sweep.Disparity}, {sweep.Error})",
                sweep.Seeds > 1 ? $"Means over {sweep.Seeds} seeds; front_frequency: the share of seeds whose own front holds the point." : null,
                results.Table(TableNames.Pareto),
                [SweepColumns.Rank, .. sweep.Variables, SweepColumns.Seeds, .. OverallAndDisparities, SweepColumns.FrontFrequency]),
        };
        if (sweep.Seeds > 1)
        {
            var error = sweep.Error;
            var disparity = sweep.Disparity;
            tables.Add(HtmlTable.FromCsv(
                "table-seeds",
                "Over the seeds: each point against the baseline",
                "Mean ± sd over the seeds; p: exact two-sided Wilcoxon signed-rank test of the paired differences; vs_baseline decides at the declared level.",
                results.Table(TableNames.Seeds),
                [SweepColumns.Row, .. sweep.Variables, SweepColumns.Seeds, error, RunColumns.Sd(error), error + "_p_wilcoxon", error + "_vs_baseline",
                 disparity, RunColumns.Sd(disparity), disparity + "_p_wilcoxon", disparity + "_vs_baseline", SweepColumns.OnMeanFront, SweepColumns.FrontFrequency],
                row => results.Table(TableNames.Seeds).Flag(row, SweepColumns.OnMeanFront)));
        }

        var details = new[] { HtmlTable.FromCsv("table-runs", "Every sweep run (sweep.csv)", null, results.Table(TableNames.Sweep)) };
        return new ReportContent("sweep experiment", findings, ExperimentFigures.Create(results, sweep), tables, details, "spec");
    }

    private static HtmlTable SweepTable(StoredSweep sweep)
    {
        var metrics = OverallAndDisparities;
        var columns = sweep.Variables.Concat(["runs ok", .. metrics, "on front"]).ToArray();
        var rows = sweep.Points.Select(point => point.Values
                .Concat([$"{point.Succeeded}/{point.Runs}"])
                .Concat(metrics.Select(metric => sweep.Seeds > 1
                    ? HtmlText.WithSpread(HtmlText.Number(point.Mean(metric)), HtmlText.Number(point.Spread(metric)))
                    : HtmlText.Number(point.Mean(metric))))
                .Append(RunColumns.Flag(point.OnFront))
                .ToArray())
            .ToArray();
        return new HtmlTable(
            "table-sweep",
            "Sweep: one row per point",
            sweep.Seeds > 1 ? $"Mean ± sd over {sweep.Seeds} seeds; the per-seed rows are in sweep.csv. Bold: on the Pareto front." : "Bold: on the Pareto front.",
            columns,
            rows,
            sweep.Points.Select(point => point.OnFront).ToArray());
    }

    /// <summary>Each metric over all test rows, then each disparity.</summary>
    private static string[] OverallAndDisparities =>
        [.. SweepColumns.Metrics.Select(SweepColumns.Metric), .. SweepColumns.Metrics.Select(SweepColumns.Disparity)];
}
