using System.Globalization;
using FairMtl.Comparisons;
using FairMtl.Reports.Schema;
using FairMtl.Spec;

namespace FairMtl.Reports;

/// <summary>The method table (the paper's Table 1 shape), the lambda front and the per-run table of a comparison.</summary>
public static class ComparisonTables
{
    /// <summary>One row per method: mean and sd over repetitions of every metric, mean rank and Delta_m%.</summary>
    public static Table Methods(ComparisonResult result)
    {
        var spec = result.Experiment.Spec;
        var columns = new List<TableColumn>
        {
            new(RunColumns.Method, Key: true), new(RunColumns.Kind, Terminal: false), new(RunColumns.Lambda, Terminal: false), new(RunColumns.Runs), new(RunColumns.Failed, Terminal: false),
        };
        AddMetricColumns(columns, result.Columns);
        columns.Add(new TableColumn("MR"));
        columns.Add(new TableColumn("delta_m_pct", Format: "F2"));
        var rows = result.Methods.Select((summary, m) =>
        {
            var method = spec.Methods[m];
            return new object?[] { summary.Method, Spelling(method), Lambda(method), summary.Succeeded, summary.Failed }
                .Concat(MetricCells(summary))
                .Append(result.MeanRanks[m])
                .Append(result.DeltaM[m])
                .ToArray();
        }).ToArray();
        var baseline = result.Baseline is null ? "no single-task baseline, no Delta_m" : $"Delta_m% against {result.Baseline}";
        return new Table(
            TableNames.Methods,
            $"Methods: mean ± sd over {spec.Protocol.Repetitions} repetitions (MR: mean rank over the metrics; {baseline}; lower is better)",
            columns,
            rows);
    }

    /// <summary>One row per front method and lambda, with whether it is on that method's Pareto front (those rows highlighted).</summary>
    public static Table Front(ComparisonResult result)
    {
        var spec = result.Experiment.Spec;
        var fairness = result.FrontMetric >= 0 ? result.Columns[result.FrontMetric].Name : "fairness";
        var columns = new List<TableColumn> { new(RunColumns.Method, Key: true), new(RunColumns.Lambda, Format: "R", Key: true), new(RunColumns.Runs), new(RunColumns.OnFront) };
        AddMetricColumns(columns, result.Columns);
        var rows = result.Front
            .Select((summary, i) => new object?[] { summary.Method, summary.Lambda, summary.Succeeded, RunColumns.Flag(result.OnFront[i]) }
                .Concat(MetricCells(summary))
                .ToArray())
            .ToArray();
        var how = (spec as MethodComparisonSpec)?.Front.Conditional is { } conditional ? $" ({ResultTables.DescribePerMethod(conditional)})" : string.Empty;
        return new Table(TableNames.Front, $"Front over lambda{how}: {fairness} against 1 - {result.Columns[0].Name} (means over repetitions)", columns, rows)
        {
            HighlightedRows = Table.RowsWhere(result.OnFront),
        };
    }

    /// <summary>A conditional front's models on the grid: one row per front method and grid lambda, the means and sds
    /// over the repetitions (as <see cref="Front"/>, without the front flag); null without a grid.</summary>
    public static Table? Grid(ComparisonResult result)
    {
        if (result.Grid.Count == 0)
        {
            return null;
        }

        var columns = new List<TableColumn> { new(RunColumns.Method, Key: true), new(RunColumns.Lambda, Format: "R", Key: true), new(RunColumns.Runs) };
        AddMetricColumns(columns, result.Columns);
        var rows = result.Grid
            .Select(summary => new object?[] { summary.Method, summary.Lambda, summary.Succeeded }.Concat(MetricCells(summary)).ToArray())
            .ToArray();
        return new Table(TableNames.Grid, "The conditional front models on the grid of lambda (means over repetitions)", columns, rows);
    }

    /// <summary>One row per trained model.</summary>
    public static Table Runs(ComparisonResult result)
    {
        var columns = new List<TableColumn>
        {
            new(RunColumns.Method, Key: true), new(RunColumns.Lambda, Format: "R", Key: true), new(RunColumns.Front), new(RunColumns.Repetition, Key: true), new(RunColumns.Seed),
            new(RunColumns.Epochs), new(RunColumns.Steps), new(RunColumns.Status),
        };
        columns.AddRange(result.Columns.Select(column => new TableColumn(column.Name)));
        columns.Add(new TableColumn(RunColumns.Message));
        var rows = result.Runs
            .Select(run => new object?[]
                {
                    run.Method, run.Lambda, RunColumns.Flag(run.IsFront), run.Repetition, run.Seed, run.Epochs, run.Steps, RunColumns.StatusOf(run.Failure is null),
                }
                .Concat(run.Metrics is null ? result.Columns.Select(_ => (object?)null) : run.Metrics.Select(value => (object?)value))
                .Append(run.Failure)
                .ToArray())
            .ToArray();
        return new Table(TableNames.Runs, "Runs", columns, rows);
    }

    private static void AddMetricColumns(List<TableColumn> columns, IReadOnlyList<MetricColumn> metrics)
    {
        foreach (var metric in metrics)
        {
            columns.Add(new TableColumn(metric.Name, Terminal: false));
            columns.Add(new TableColumn(RunColumns.Sd(metric.Name), Terminal: false));
            columns.Add(new TableColumn(metric.Name, File: false));
        }
    }

    private static IEnumerable<object?> MetricCells(MethodSummary summary)
    {
        for (var m = 0; m < summary.Means.Length; m++)
        {
            yield return summary.Means[m];
            yield return summary.StandardDeviations[m];
            yield return double.IsNaN(summary.Means[m])
                ? "n/a"
                : string.Create(CultureInfo.InvariantCulture, $"{summary.Means[m]:F3} ± {summary.StandardDeviations[m]:F3}");
        }
    }

    private static object? Lambda(MethodSpec method) => method.Kind is MethodKind.Regularized or MethodKind.Auxiliary ? method.Lambda : null;

    private static string Spelling(MethodSpec method) => method.Kind switch
    {
        MethodKind.SingleTask => "single-task",
        MethodKind.Regularized => $"regularized ({method.Loss.ToString().ToUpperInvariant()})",
        MethodKind.Adversarial => "adversarial",
        MethodKind.GroupDecomposition => $"group-decomposition ({method.Attribute})",
        MethodKind.Auxiliary => $"auxiliary ({method.Loss.ToString().ToUpperInvariant()})",
        MethodKind.MultiTask => "multi-task",
        MethodKind.FairMultiTask => $"fair-multi-task ({method.Loss.ToString().ToUpperInvariant()})",
        _ => $"mta-f ({method.Loss.ToString().ToUpperInvariant()})",
    };
}
