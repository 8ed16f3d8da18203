using FairMtl.Evaluation;
using FairMtl.Spec;
using FairMtl.Sweeps;

namespace FairMtl.Reports;

/// <summary>The baseline, sweep and Pareto tables of an experiment result.</summary>
public static class ResultTables
{
    private static readonly ErrorMetric[] Metrics = [ErrorMetric.Mse, ErrorMetric.Rmse, ErrorMetric.Mae];

    /// <summary>One row per baseline run (seed).</summary>
    public static Table Baseline(ExperimentResult result)
    {
        var auxiliary = AuxiliaryNames(result.Baseline);
        var columns = new List<TableColumn> { new("seed"), new("epochs"), new("steps", Terminal: false), new("status") };
        columns.AddRange(RunMetricColumns(auxiliary));
        columns.Add(new TableColumn("message"));
        var rows = result.Baseline
            .Select(run => new object?[] { run.Seed, run.Epochs, run.Steps, Status(run) }
                .Concat(RunMetricCells(run, auxiliary)).Append(run.Failure).ToArray())
            .ToArray();
        return new Table("baseline", $"Baseline: single-task model on head(s) {string.Join(", ", result.Experiment.Spec.Baseline.Heads)}", columns, rows);
    }

    /// <summary>One row per sweep point and seed.</summary>
    public static Table Sweep(ExperimentResult result)
    {
        var spec = result.Experiment.Spec;
        var auxiliary = AuxiliaryNames(result.Sweep);
        var columns = new List<TableColumn> { new("point", Terminal: false) };
        columns.AddRange(spec.Sweep.Variables.Select(variable => new TableColumn(variable.Name, Format: "R")));
        columns.AddRange([new("seed"), new("block", Terminal: false), new("epochs"), new("steps", Terminal: false), new("status")]);
        columns.AddRange(RunMetricColumns(auxiliary));
        columns.Add(new TableColumn("message"));
        var rows = result.Sweep
            .Select(run => new object?[] { run.Point!.Index }
                .Concat(run.Point.Values.Select(value => (object?)value))
                .Concat([run.Seed, run.Block, run.Epochs, run.Steps, Status(run)])
                .Concat(RunMetricCells(run, auxiliary))
                .Append(run.Failure)
                .ToArray())
            .ToArray();
        return new Table("sweep", $"Sweep: loss = {spec.Loss}", columns, rows);
    }

    /// <summary>The non-dominated sweep points (means over seeds), by disparity.</summary>
    public static Table Pareto(ExperimentResult result)
    {
        var spec = result.Experiment.Spec;
        var pair = spec.Evaluation.Pareto;
        var columns = new List<TableColumn> { new("rank") };
        columns.AddRange(spec.Sweep.Variables.Select(variable => new TableColumn(variable.Name, Format: "R")));
        columns.Add(new TableColumn("seeds"));
        columns.AddRange(Metrics.Select(metric => new TableColumn(Name(metric))));
        columns.AddRange(Metrics.Select(metric => new TableColumn(Name(metric) + "_disp")));
        var rows = result.Pareto
            .Select((summary, rank) => new object?[] { rank + 1 }
                .Concat(summary.Point.Values.Select(value => (object?)value))
                .Append(summary.Seeds)
                .Concat(Metrics.Select(metric => (object?)summary.Overall.Get(metric)))
                .Concat(Metrics.Select(metric => (object?)summary.Disparity.Get(metric)))
                .ToArray())
            .ToArray();
        var seeds = spec.Sweep.Seeds.Count == 1 ? string.Empty : $", means over {spec.Sweep.Seeds.Count} seeds";
        return new Table(
            "pareto",
            $"Pareto front: minimising ({Name(pair.Disparity)} disparity, {Name(pair.Error)}){seeds}: {result.Pareto.Count} of {result.Points.Count} points",
            columns,
            rows);
    }

    /// <summary>Lower-case metric name as used in column headers.</summary>
    public static string Name(ErrorMetric metric) => metric.ToString().ToLowerInvariant();

    private static IEnumerable<TableColumn> RunMetricColumns(IReadOnlyList<string> auxiliary)
    {
        foreach (var metric in Metrics)
        {
            yield return new TableColumn(Name(metric));
        }

        foreach (var metric in Metrics)
        {
            yield return new TableColumn(Name(metric) + "_g0", Terminal: false);
            yield return new TableColumn(Name(metric) + "_g1", Terminal: false);
        }

        foreach (var metric in Metrics)
        {
            yield return new TableColumn(Name(metric) + "_disp");
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

    private static string Status(RunResult run) => run.Succeeded ? "ok" : "failed";
}
