using FairMtl.Spec;

namespace FairMtl.Evaluation;

/// <summary>What one trained model scored on the test rows.</summary>
/// <param name="Errors">The evaluated head's errors overall and per group.</param>
/// <param name="Auxiliary">One metric per other head (e.g. <c>z_accuracy</c>, <c>z_r2</c>).</param>
public sealed record RunMetrics(GroupErrorReport Errors, EquatableArray<AuxiliaryMetric> Auxiliary)
{
    /// <summary>True when every number is finite.</summary>
    public bool IsFinite => Errors.IsFinite && Auxiliary.All(metric => !double.IsNaN(metric.Value));
}

/// <summary>A named extra metric of a run.</summary>
public sealed record AuxiliaryMetric(string Name, double Value);
