using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>evaluation</c>: the head scored on the test rows and the metric pair of the Pareto front. Optional; by
/// default the first regression head, with RMSE for both. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EvaluationAttribute : Attribute
{
    /// <summary>Scores the first regression head.</summary>
    public EvaluationAttribute()
    {
    }

    /// <param name="head">YAML <c>evaluation.head</c>: a regression head.</param>
    public EvaluationAttribute(string head) => Head = head;

    /// <summary>YAML <c>evaluation.head</c> (null: the first regression head).</summary>
    public string? Head { get; }

    /// <summary>YAML <c>evaluation.pareto.disparity</c>: the group-disparity metric of the Pareto front (default RMSE).</summary>
    public ErrorMetric Disparity { get; set; } = ErrorMetric.Rmse;

    /// <summary>YAML <c>evaluation.pareto.error</c>: the overall-error metric of the Pareto front (default RMSE).</summary>
    public ErrorMetric Error { get; set; } = ErrorMetric.Rmse;

    /// <summary>YAML <c>evaluation.significance</c>: the level of the paired tests against the baseline (default 0.05).</summary>
    public double Significance { get; set; } = 0.05;

    /// <summary>YAML <c>evaluation.hypervolume_reference</c>: the (disparity, error) reference point (default: the baseline).</summary>
    public double[] HypervolumeReference { get; set; } = [];
}
