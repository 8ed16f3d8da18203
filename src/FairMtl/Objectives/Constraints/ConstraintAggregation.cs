using FairMtl.Spec;

namespace FairMtl.Objectives.Constraints;

/// <summary>
/// How the per-task violations v_t, each divided by its scale s_t &gt; 0 (u_t = v_t / s_t), become the constraint value
/// F (this project's formulas, after the FairMT abstract):
/// <list type="bullet">
/// <item><description><see cref="AggregationKind.Max"/>: F = max_t u_t; dF/dv_t = 1/s_t on the first arg-max, else 0.</description></item>
/// <item><description><see cref="AggregationKind.Smooth"/> with temperature T &gt; 0: the Boltzmann mean
/// F = Σ_t u_t e^{u_t/T} / Σ_t e^{u_t/T}, computed with max_t u_t subtracted in the exponents, so F = 0 when every
/// v_t = 0 and F tends to max_t u_t as T → 0; its exact derivative is dF/du_t = w_t (1 + (u_t - F)/T), w_t the
/// normalised weights e^{u_t/T} / Σ e^{u/T}.</description></item>
/// </list>
/// Sums run over the tasks in order, in double precision. No task gives F = 0.
/// </summary>
public readonly record struct ConstraintAggregation
{
    /// <param name="kind">Max or Smooth.</param>
    /// <param name="temperature">Smooth: T, finite and &gt; 0; Max: ignored (stored as 0).</param>
    public ConstraintAggregation(AggregationKind kind, double temperature = 0.0)
    {
        switch (kind)
        {
            case AggregationKind.Max:
                temperature = 0.0;
                break;
            case AggregationKind.Smooth:
                if (!(temperature > 0.0) || double.IsInfinity(temperature))
                {
                    throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be finite and positive.");
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        Kind = kind;
        Temperature = temperature;
    }

    /// <summary>The largest scaled violation.</summary>
    public static ConstraintAggregation Max => new(AggregationKind.Max);

    public AggregationKind Kind { get; }

    /// <summary>T of the smooth aggregation; 0 for Max.</summary>
    public double Temperature { get; }

    /// <summary>The Boltzmann mean with temperature <paramref name="temperature"/>.</summary>
    public static ConstraintAggregation Smooth(double temperature) => new(AggregationKind.Smooth, temperature);

    /// <summary>F, with dF/dv_t written to <paramref name="derivatives"/>.</summary>
    /// <param name="violations">v_t per task.</param>
    /// <param name="scales">s_t &gt; 0 per task; at least as long as <paramref name="violations"/>.</param>
    /// <param name="derivatives">Receives dF/dv_t; at least as long as <paramref name="violations"/>.</param>
    public double Compute(ReadOnlySpan<double> violations, ReadOnlySpan<double> scales, Span<double> derivatives)
    {
        var tasks = violations.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(scales.Length, tasks, nameof(scales));
        ArgumentOutOfRangeException.ThrowIfLessThan(derivatives.Length, tasks, nameof(derivatives));
        if (tasks == 0)
        {
            return 0.0;
        }

        var top = 0;
        for (var t = 0; t < tasks; t++)
        {
            if (!(scales[t] > 0.0))
            {
                throw new ArgumentOutOfRangeException(nameof(scales), scales[t], $"Task {t}'s scale must be positive.");
            }

            if (violations[t] / scales[t] > violations[top] / scales[top])
            {
                top = t;
            }
        }

        var max = violations[top] / scales[top];
        if (Kind == AggregationKind.Max)
        {
            derivatives[..tasks].Clear();
            derivatives[top] = 1.0 / scales[top];
            return max;
        }

        var total = 0.0;
        var weighted = 0.0;
        for (var t = 0; t < tasks; t++)
        {
            var u = violations[t] / scales[t];
            var e = Math.Exp((u - max) / Temperature);
            derivatives[t] = e;
            total += e;
            weighted += e * u;
        }

        var value = weighted / total;
        for (var t = 0; t < tasks; t++)
        {
            var u = violations[t] / scales[t];
            derivatives[t] = derivatives[t] / total * (1.0 + ((u - value) / Temperature)) / scales[t];
        }

        return value;
    }
}
