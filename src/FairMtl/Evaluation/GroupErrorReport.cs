using FairMtl.Spec;

namespace FairMtl.Evaluation;

/// <summary>Error metrics overall and per protected group, and the disparities |group 1 - group 0|.</summary>
public sealed record GroupErrorReport(ErrorMetrics Overall, ErrorMetrics Group0, ErrorMetrics Group1)
{
    /// <summary>|metric(group 1) - metric(group 0)|.</summary>
    public double Disparity(ErrorMetric metric) => Math.Abs(Group1.Get(metric) - Group0.Get(metric));

    /// <summary>True when every number of the report is finite.</summary>
    public bool IsFinite => Overall.IsFinite && Group0.IsFinite && Group1.IsFinite;

    /// <summary>Scores predictions against targets; <paramref name="groups"/> holds 0 or 1 per row.</summary>
    public static GroupErrorReport Compute(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, int[] groups) =>
        new(
            ErrorMetrics.Compute(predictions, targets),
            ErrorMetrics.Compute(predictions, targets, i => groups[i] == 0),
            ErrorMetrics.Compute(predictions, targets, i => groups[i] == 1));
}
