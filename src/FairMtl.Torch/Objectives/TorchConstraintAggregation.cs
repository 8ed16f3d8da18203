using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// <see cref="ConstraintAggregation"/> as torch operations: with u_t = v_t / s_t, the largest u_t (the first of equal
/// ones) or the Boltzmann mean sum_t u_t e^{u_t/T} / sum_t e^{u_t/T} (the largest u_t, detached, subtracted in the
/// exponents); no violation gives 0.
/// </summary>
public static class TorchConstraintAggregation
{
    /// <summary>F of the violations <paramref name="violations"/> (float64 scalars) divided by their scales.</summary>
    public static Tensor Compute(ConstraintAggregation aggregation, IReadOnlyList<Tensor> violations, IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(violations);
        ArgumentNullException.ThrowIfNull(scales);
        if (violations.Count == 0)
        {
            return TorchViolation.Zero();
        }

        var scaled = new Tensor[violations.Count];
        var top = 0;
        var topValue = 0d;
        for (var t = 0; t < scaled.Length; t++)
        {
            scaled[t] = violations[t].div(TorchScalars.Of(scales[t]));
            var value = scaled[t].item<double>();
            if (t == 0 || value > topValue)
            {
                (top, topValue) = (t, value);
            }
        }

        if (aggregation.Kind == AggregationKind.Max)
        {
            return scaled[top];
        }

        var u = stack(scaled);
        var weights = TorchScalars.Difference(u, TorchScalars.Of(topValue)).div(TorchScalars.Of(aggregation.Temperature)).exp();
        return weights.mul(u).sum().div(weights.sum());
    }
}
