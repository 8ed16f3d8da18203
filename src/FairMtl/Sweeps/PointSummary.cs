using FairMtl.Evaluation;
using FairMtl.Spec;

namespace FairMtl.Sweeps;

/// <summary>
/// A sweep point's metrics averaged over the seeds whose run succeeded (with one seed: that run's values exactly).
/// The Pareto front is computed on these.
/// </summary>
/// <param name="Point">The sweep point.</param>
/// <param name="Seeds">Number of successful runs averaged.</param>
/// <param name="Overall">Mean overall errors.</param>
/// <param name="Disparity">Mean disparities |group 1 - group 0| for MSE, RMSE and MAE.</param>
public sealed record PointSummary(SweepPoint Point, int Seeds, ErrorMetrics Overall, ErrorMetrics Disparity)
{
    /// <summary>Averages the successful runs of each point, in point order; points with no successful run are left out.</summary>
    public static IReadOnlyList<PointSummary> Summarize(IReadOnlyList<SweepPoint> points, IReadOnlyList<RunResult> sweep)
    {
        var summaries = new List<PointSummary>();
        foreach (var point in points)
        {
            var runs = sweep.Where(run => run.Point?.Index == point.Index && run.Succeeded).Select(run => run.Metrics!.Errors).ToArray();
            if (runs.Length == 0)
            {
                continue;
            }

            summaries.Add(new PointSummary(
                point,
                runs.Length,
                Mean(runs, report => report.Overall),
                Mean(runs, report => new ErrorMetrics(
                    report.Disparity(ErrorMetric.Mse), report.Disparity(ErrorMetric.Rmse), report.Disparity(ErrorMetric.Mae)))));
        }

        return summaries;
    }

    private static ErrorMetrics Mean(GroupErrorReport[] reports, Func<GroupErrorReport, ErrorMetrics> select)
    {
        double mse = 0, rmse = 0, mae = 0;
        foreach (var report in reports)
        {
            var metrics = select(report);
            mse += metrics.Mse;
            rmse += metrics.Rmse;
            mae += metrics.Mae;
        }

        return new ErrorMetrics(mse / reports.Length, rmse / reports.Length, mae / reports.Length);
    }
}
