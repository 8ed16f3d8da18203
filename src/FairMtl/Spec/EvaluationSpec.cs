namespace FairMtl.Spec;

/// <summary>What is measured on the test rows.</summary>
/// <param name="Head">The regression head whose predictions are scored against its column.</param>
/// <param name="Pareto">The metric pair whose non-dominated points form the Pareto front.</param>
/// <param name="Significance">The level of the paired tests of each sweep point against the baseline over the seeds.</param>
/// <param name="HypervolumeReference">The (disparity, error) reference point of the hypervolume; empty: the baseline's.</param>
public sealed record EvaluationSpec(string Head, ParetoSpec Pareto, double Significance = 0.05, EquatableArray<double> HypervolumeReference = default);

/// <summary>The Pareto front minimises (disparity of <see cref="Disparity"/>, overall <see cref="Error"/>).</summary>
public sealed record ParetoSpec(ErrorMetric Disparity, ErrorMetric Error);

/// <summary>Regression error metric.</summary>
public enum ErrorMetric
{
    /// <summary>Mean squared error.</summary>
    Mse,

    /// <summary>Root mean squared error.</summary>
    Rmse,

    /// <summary>Mean absolute error.</summary>
    Mae,
}
