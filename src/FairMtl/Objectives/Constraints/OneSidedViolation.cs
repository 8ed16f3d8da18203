using FairMtl.Spec;

namespace FairMtl.Objectives.Constraints;

/// <summary>
/// The one-sided violation of one task (this project's formula, after the FairMT abstract): over the present groups,
/// v = max_g [h(g) - sg(h_ref) - δ]_+, where h_ref is the smallest present group harm (<see cref="HarmReference.BestGroup"/>)
/// or the population harm (<see cref="HarmReference.Population"/>), δ ≥ 0 the tolerance and sg a stop-gradient. Only
/// harm above the reference counts, so the constraint raises the worse-off group instead of pulling the better-off one
/// down: dv/dh(g) is 1 for the arg-max group when v &gt; 0 (the lowest index on ties) and 0 for every other group, and
/// nothing flows into h_ref (under BestGroup the reference group's rows get zero gradient; under Population the
/// population harm gets none). With fewer than two present groups v = 0.
/// </summary>
public static class OneSidedViolation
{
    /// <summary>v, with dv/dh(g) written to <paramref name="coefficients"/> (overwritten for every group).</summary>
    /// <param name="harms">h(g) per group.</param>
    /// <param name="present">Which groups take part; at least as long as <paramref name="harms"/>.</param>
    /// <param name="populationHarm">The population harm, read under <see cref="HarmReference.Population"/> only.</param>
    /// <param name="reference">What the group harms are compared with.</param>
    /// <param name="tolerance">δ ≥ 0: harm up to this much above the reference is no violation.</param>
    /// <param name="coefficients">Receives dv/dh(g); at least as long as <paramref name="harms"/>.</param>
    public static double Compute(ReadOnlySpan<double> harms, ReadOnlySpan<bool> present, double populationHarm, HarmReference reference, double tolerance, Span<double> coefficients)
    {
        CheckTolerance(tolerance);
        var (worst, best, count) = Extremes(harms, present, coefficients);
        if (count < 2)
        {
            return 0.0;
        }

        var referenceHarm = reference switch
        {
            HarmReference.BestGroup => harms[best],
            HarmReference.Population => populationHarm,
            _ => throw new ArgumentOutOfRangeException(nameof(reference), reference, null),
        };
        var violation = harms[worst] - referenceHarm - tolerance;
        if (!(violation > 0.0))
        {
            return 0.0;
        }

        coefficients[worst] = 1.0;
        return violation;
    }

    /// <summary>Throws unless the tolerance is finite and not negative.</summary>
    internal static double CheckTolerance(double tolerance)
    {
        if (!(tolerance >= 0.0) || double.IsInfinity(tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be finite and not negative.");
        }

        return tolerance;
    }

    /// <summary>
    /// The present groups with the largest and the smallest harm (lowest index on ties) and their number; clears the
    /// coefficients.
    /// </summary>
    internal static (int Worst, int Best, int Count) Extremes(ReadOnlySpan<double> harms, ReadOnlySpan<bool> present, Span<double> coefficients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(present.Length, harms.Length, nameof(present));
        ArgumentOutOfRangeException.ThrowIfLessThan(coefficients.Length, harms.Length, nameof(coefficients));
        coefficients[..harms.Length].Clear();
        int worst = -1, best = -1, count = 0;
        for (var group = 0; group < harms.Length; group++)
        {
            if (!present[group])
            {
                continue;
            }

            count++;
            if (worst < 0 || harms[group] > harms[worst])
            {
                worst = group;
            }

            if (best < 0 || harms[group] < harms[best])
            {
                best = group;
            }
        }

        return (worst, best, count);
    }
}
