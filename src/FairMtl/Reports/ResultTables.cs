using System.Globalization;
using FairMtl.Evaluation;
using FairMtl.Reports.Schema;
using FairMtl.Spec;
using FairMtl.Sweeps;

namespace FairMtl.Reports;

/// <summary>The baseline, sweep and Pareto tables of an experiment result.</summary>
public static class ResultTables
{
    private static readonly ErrorMetric[] Metrics = SweepColumns.Metrics;

    /// <summary>One row per baseline run (seed).</summary>
    public static Table Baseline(ExperimentResult result)
    {
        var auxiliary = AuxiliaryNames(result.Baseline);
        var columns = new List<TableColumn> { new(RunColumns.Seed, Key: true), new(RunColumns.Epochs), new(RunColumns.Steps, Terminal: false), new(RunColumns.Status) };
        columns.AddRange(RunMetricColumns(auxiliary));
        columns.Add(new TableColumn(RunColumns.Message));
        var rows = result.Baseline
            .Select(run => new object?[] { run.Seed, run.Epochs, run.Steps, Status(run) }
                .Concat(RunMetricCells(run, auxiliary)).Append(run.Failure).ToArray())
            .ToArray();
        return new Table(TableNames.Baseline, $"Baseline: single-task model on head(s) {string.Join(", ", result.Experiment.Spec.Baseline.Heads)}", columns, rows);
    }

    /// <summary>One row per sweep point and seed; the successful runs of the Pareto front's points are highlighted.</summary>
    public static Table Sweep(ExperimentResult result)
    {
        var front = result.Pareto.Select(summary => summary.Point.Index).ToHashSet();
        var spec = result.Experiment.Spec;
        var title = spec.Sweep.Conditional is { } conditional
            ? $"Sweep ({Describe(conditional)}): loss = {spec.Loss}"
            : $"Sweep: loss = {spec.Loss}";
        return Runs(result, TableNames.Sweep, title, result.Sweep, front);
    }

    /// <summary>A conditional sweep's scores on its fine grid, one row per grid point and seed (as <see cref="Sweep"/>);
    /// null for other sweeps.</summary>
    public static Table? Grid(ExperimentResult result) =>
        result.Experiment.Spec.Sweep.Conditional is { } conditional && result.Grid.Count > 0
            ? Runs(result, TableNames.Grid, $"The conditional models on the grid ({Describe(conditional)}): loss = {result.Experiment.Spec.Loss}", result.Grid, [])
            : null;

    /// <summary>How a conditional sweep was trained, for table titles: <c>conditional: one model per seed, per-row
    /// uniform draws, FiLM, 200 epochs</c>.</summary>
    public static string Describe(ConditionalSpec conditional) => Describe(conditional, "seed");

    /// <summary>As <see cref="Describe(ConditionalSpec)"/> for a comparison's conditional models: <c>conditional: one
    /// model per method and repetition, ...</c>.</summary>
    public static string DescribePerMethod(ConditionalSpec conditional) => Describe(conditional, "method and repetition");

    private static string Describe(ConditionalSpec conditional, string per) => string.Create(
        CultureInfo.InvariantCulture,
        $"conditional: one model per {per}, {SpecJsonWriter.Enum(conditional.Sampling)} {SpecJsonWriter.Enum(conditional.Distribution)} draws, "
        + $"{(conditional.Film ? "FiLM" : "inputs only")}, {conditional.Epochs} epochs");

    private static Table Runs(ExperimentResult result, string name, string title, IReadOnlyList<RunResult> runs, HashSet<int> front)
    {
        var spec = result.Experiment.Spec;
        var auxiliary = AuxiliaryNames(runs);
        var columns = new List<TableColumn> { new(SweepColumns.Point, Terminal: false) };
        columns.AddRange(spec.Sweep.Variables.Select(variable => new TableColumn(variable.Name, Format: "R", Key: true)));
        columns.AddRange([new(RunColumns.Seed, Key: true), new(SweepColumns.Block, Terminal: false), new(RunColumns.Epochs), new(RunColumns.Steps, Terminal: false), new(RunColumns.Status)]);
        columns.AddRange(RunMetricColumns(auxiliary));
        columns.Add(new TableColumn(RunColumns.Message));
        var rows = runs
            .Select(run => new object?[] { run.Point!.Index }
                .Concat(run.Point.Values.Select(value => (object?)value))
                .Concat([run.Seed, run.Block, run.Epochs, run.Steps, Status(run)])
                .Concat(RunMetricCells(run, auxiliary))
                .Append(run.Failure)
                .ToArray())
            .ToArray();
        return new Table(name, title, columns, rows)
        {
            HighlightedRows = Table.RowsWhere(runs.Select(run => run.Succeeded && front.Contains(run.Point!.Index))),
        };
    }

    /// <summary>
    /// The baseline and every point over the seeds: the Pareto pair's mean, sd and t interval, the paired comparison
    /// with the baseline (mean difference, its interval, the Wilcoxon and t p values, the outcome), the front frequency.
    /// The points on the front of the means are highlighted.
    /// </summary>
    public static Table Seeds(ExperimentResult result)
    {
        var spec = result.Experiment.Spec;
        var analysis = result.Seeds;
        var error = Name(spec.Evaluation.Pareto.Error);
        var disparity = SweepColumns.Disparity(spec.Evaluation.Pareto.Disparity);
        var columns = new List<TableColumn> { new(SweepColumns.Row, Key: true) };
        columns.AddRange(spec.Sweep.Variables.Select(variable => new TableColumn(variable.Name, Format: "R", Key: true)));
        columns.Add(new TableColumn(SweepColumns.Seeds));
        foreach (var metric in new[] { error, disparity })
        {
            columns.AddRange([
                new TableColumn(metric, Terminal: false), new TableColumn(RunColumns.Sd(metric), Terminal: false),
                new TableColumn(metric + "_ci_low", Terminal: false), new TableColumn(metric + "_ci_high", Terminal: false),
                new TableColumn(metric, File: false),
                new TableColumn(metric + "_diff", Terminal: false), new TableColumn(metric + "_diff_ci_low", Terminal: false),
                new TableColumn(metric + "_diff_ci_high", Terminal: false), new TableColumn(metric + "_p_wilcoxon", Format: "F3"),
                new TableColumn(metric + "_p_t", Terminal: false), new TableColumn(metric + "_vs_baseline"),
            ]);
        }

        columns.AddRange([new TableColumn(SweepColumns.OnMeanFront), new TableColumn(SweepColumns.FrontFrequency, Format: "F2")]);
        var rows = new List<object?[]>();
        if (analysis.Baseline is { } baseline)
        {
            rows.Add(SeedRow(spec, baseline));
        }

        rows.AddRange(analysis.Points.Select(point => SeedRow(spec, point)));
        var highlighted = (analysis.Baseline is null ? [] : new[] { false }).Concat(analysis.Points.Select(point => point.OnMeanFront));
        return new Table(TableNames.Seeds, $"Over the seeds (mean ± sd; vs baseline at the {analysis.Level:0.###} level): {analysis.Verdict}", columns, rows)
        {
            HighlightedRows = Table.RowsWhere(highlighted),
        };
    }

    private static object?[] SeedRow(ExperimentSpec spec, SeedPointStatistics statistics)
    {
        var row = new List<object?> { statistics.Point is null ? "baseline" : "point" };
        row.AddRange(spec.Sweep.Variables.Select((_, v) => statistics.Point is null ? null : (object?)statistics.Point.Values[v]));
        row.Add(statistics.Error.Count);
        foreach (var (summary, comparison) in new[] { (statistics.Error, statistics.ErrorVsBaseline), (statistics.Disparity, statistics.DisparityVsBaseline) })
        {
            row.AddRange([
                summary.Mean, summary.StandardDeviation, summary.Low, summary.High,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{summary.Mean:F4} ± {summary.StandardDeviation:F4}"),
                comparison?.T.MeanDifference, comparison?.T.Low, comparison?.T.High, comparison?.Wilcoxon.PValue, comparison?.T.PValue,
                comparison is null ? null : comparison.Outcome switch { Outcome.Better => "better", Outcome.Worse => "worse", _ => "n.s." },
            ]);
        }

        row.Add(statistics.Point is null ? null : RunColumns.Flag(statistics.OnMeanFront));
        row.Add(statistics.Point is null ? null : statistics.FrontFrequency);
        return row.ToArray();
    }

    /// <summary>The non-dominated sweep points (means over seeds), by disparity; nothing highlighted (every row is on the front).</summary>
    public static Table Pareto(ExperimentResult result)
    {
        var spec = result.Experiment.Spec;
        var pair = spec.Evaluation.Pareto;
        var columns = new List<TableColumn> { new(SweepColumns.Rank, Key: true) };
        columns.AddRange(spec.Sweep.Variables.Select(variable => new TableColumn(variable.Name, Format: "R", Key: true)));
        columns.Add(new TableColumn(SweepColumns.Seeds));
        columns.AddRange(Metrics.Select(metric => new TableColumn(Name(metric))));
        columns.AddRange(Metrics.Select(metric => new TableColumn(SweepColumns.Disparity(metric))));
        var error = Name(pair.Error);
        var disparity = SweepColumns.Disparity(pair.Disparity);
        columns.AddRange([
            new TableColumn(RunColumns.Sd(error), Terminal: false), new TableColumn(error + "_ci_low", Terminal: false), new TableColumn(error + "_ci_high", Terminal: false),
            new TableColumn(RunColumns.Sd(disparity), Terminal: false), new TableColumn(disparity + "_ci_low", Terminal: false),
            new TableColumn(disparity + "_ci_high", Terminal: false), new TableColumn(SweepColumns.FrontFrequency, Format: "F2"),
        ]);
        var statistics = result.Seeds.Points.ToDictionary(point => point.Point!.Index);
        var rows = result.Pareto
            .Select((summary, rank) =>
            {
                var spread = statistics.GetValueOrDefault(summary.Point.Index);
                return new object?[] { rank + 1 }
                    .Concat(summary.Point.Values.Select(value => (object?)value))
                    .Append(summary.Seeds)
                    .Concat(Metrics.Select(metric => (object?)summary.Overall.Get(metric)))
                    .Concat(Metrics.Select(metric => (object?)summary.Disparity.Get(metric)))
                    .Concat(spread is null
                        ? Enumerable.Repeat<object?>(null, 7)
                        : [spread.Error.StandardDeviation, spread.Error.Low, spread.Error.High,
                           spread.Disparity.StandardDeviation, spread.Disparity.Low, spread.Disparity.High, spread.FrontFrequency])
                    .ToArray();
            })
            .ToArray();
        var seeds = spec.Sweep.Seeds.Count == 1 ? string.Empty : $", means over {spec.Sweep.Seeds.Count} seeds";
        return new Table(
            TableNames.Pareto,
            $"Pareto front: minimising ({Name(pair.Disparity)} disparity, {Name(pair.Error)}){seeds}: {result.Pareto.Count} of {result.Points.Count} points",
            columns,
            rows);
    }

    /// <summary>Lower-case metric name as used in column headers.</summary>
    public static string Name(ErrorMetric metric) => SweepColumns.Metric(metric);

    private static IEnumerable<TableColumn> RunMetricColumns(IReadOnlyList<string> auxiliary)
    {
        foreach (var metric in Metrics)
        {
            yield return new TableColumn(Name(metric));
        }

        foreach (var metric in Metrics)
        {
            yield return new TableColumn(SweepColumns.Group(metric, 0), Terminal: false);
            yield return new TableColumn(SweepColumns.Group(metric, 1), Terminal: false);
        }

        foreach (var metric in Metrics)
        {
            yield return new TableColumn(SweepColumns.Disparity(metric));
        }

        foreach (var name in auxiliary)
        {
            yield return new TableColumn(name);
        }
    }

    private static IEnumerable<object?> RunMetricCells(RunResult run, IReadOnlyList<string> auxiliary)
    {
        var errors = run.Metrics?.Errors;
        foreach (var metric in Metrics)
        {
            yield return errors?.Overall.Get(metric);
        }

        foreach (var metric in Metrics)
        {
            yield return errors?.Group0.Get(metric);
            yield return errors?.Group1.Get(metric);
        }

        foreach (var metric in Metrics)
        {
            yield return errors?.Disparity(metric);
        }

        foreach (var name in auxiliary)
        {
            yield return run.Metrics?.Auxiliary.FirstOrDefault(m => m.Name == name)?.Value;
        }
    }

    private static IReadOnlyList<string> AuxiliaryNames(IEnumerable<RunResult> runs) =>
        runs.Where(run => run.Metrics is not null)
            .SelectMany(run => run.Metrics!.Auxiliary.Select(metric => metric.Name))
            .Distinct()
            .ToArray();

    private static string Status(RunResult run) => RunColumns.StatusOf(run.Succeeded);
}
