using FairMtl.Spec;

namespace FairMtl.Reports.Schema;

/// <summary>The columns of a sweep's tables (baseline, sweep, pareto, seeds): run metrics overall, per group and as
/// disparities, and the over-the-seeds statistics.</summary>
public static class SweepColumns
{
    /// <summary>A sweep run's point index.</summary>
    public const string Point = "point";

    /// <summary>A sweep run's warm-start block.</summary>
    public const string Block = "block";

    /// <summary>The seeds table's row kind (<c>baseline</c> or <c>point</c>).</summary>
    public const string Row = "row";

    /// <summary>Seeds summarised in a row.</summary>
    public const string Seeds = "seeds";

    /// <summary>The Pareto table's rank.</summary>
    public const string Rank = "rank";

    /// <summary>Whether a point is on the front of the means over the seeds.</summary>
    public const string OnMeanFront = "on_mean_front";

    /// <summary>The share of seeds on whose own front a point is.</summary>
    public const string FrontFrequency = "front_frequency";

    /// <summary>The error metrics every run reports, in column order.</summary>
    public static readonly ErrorMetric[] Metrics = [ErrorMetric.Mse, ErrorMetric.Rmse, ErrorMetric.Mae];

    /// <summary>The run metric columns of baseline.csv and sweep.csv, in order: overall, per group, disparities.</summary>
    public static readonly string[] RunMetrics =
    [
        .. Metrics.Select(Metric),
        .. Metrics.SelectMany(metric => new[] { Group(metric, 0), Group(metric, 1) }),
        .. Metrics.Select(Disparity),
    ];

    /// <summary>A metric over all test rows: <c>mse</c>, <c>rmse</c>, <c>mae</c>.</summary>
    public static string Metric(ErrorMetric metric) => metric.ToString().ToLowerInvariant();

    /// <summary>A metric over one group's test rows: <c>rmse_g0</c>.</summary>
    public static string Group(ErrorMetric metric, int group) => $"{Metric(metric)}_g{group}";

    /// <summary>A metric's disparity |group 1 − group 0|: <c>rmse_disp</c>.</summary>
    public static string Disparity(ErrorMetric metric) => Disparity(Metric(metric));

    /// <summary>The disparity column of a metric column: <c>rmse</c> -> <c>rmse_disp</c>.</summary>
    public static string Disparity(string metricColumn) => metricColumn + "_disp";

    /// <summary>A group's column of a metric column: <c>rmse</c> -> <c>rmse_g1</c>.</summary>
    public static string Group(string metricColumn, int group) => $"{metricColumn}_g{group}";
}
