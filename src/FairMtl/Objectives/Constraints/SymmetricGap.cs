namespace FairMtl.Objectives.Constraints;

/// <summary>
/// The symmetric baseline violation of one task: v = max_g h(g) - min_g h(g) over the present groups (|h(a) - h(b)|
/// for two), with dv/dh = +1 on the worst group and -1 on the best one (the lowest index on ties; equal harms give zero
/// coefficients). Both groups are pushed, so lowering v can also raise the best group's harm ("levelling down"), which
/// <see cref="OneSidedViolation"/> avoids. With fewer than two present groups v = 0.
/// </summary>
public static class SymmetricGap
{
    /// <summary>v, with dv/dh(g) written to <paramref name="coefficients"/> (overwritten for every group).</summary>
    /// <param name="harms">h(g) per group.</param>
    /// <param name="present">Which groups take part; at least as long as <paramref name="harms"/>.</param>
    /// <param name="coefficients">Receives dv/dh(g); at least as long as <paramref name="harms"/>.</param>
    public static double Compute(ReadOnlySpan<double> harms, ReadOnlySpan<bool> present, Span<double> coefficients)
    {
        var (worst, best, count) = OneSidedViolation.Extremes(harms, present, coefficients);
        if (count < 2)
        {
            return 0.0;
        }

        coefficients[worst] += 1.0;
        coefficients[best] -= 1.0;
        return harms[worst] - harms[best];
    }
}
