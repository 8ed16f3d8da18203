namespace FairMtl.Evaluation.Statistics;

/// <summary>
/// Student's t distribution with a whole number of degrees of freedom, through the regularized incomplete beta
/// function: P(T &gt; t) = I_{ν/(ν+t²)}(ν/2, 1/2) / 2 for t &gt;= 0. Probabilities are accurate to about 1e-13 relative
/// up to ν = 10⁴ and 1e-11 up to 4 · 10⁵; above that a normal approximation with error below 1e-12 absolute takes over.
/// </summary>
public static class StudentT
{
    private const int MaxNewtonSteps = 200;
    private const double NormalLimit = 4e5;

    /// <summary>P(T &lt;= <paramref name="t"/>); 0.5 at t = 0, 0 and 1 at the infinities, NaN for NaN.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesOfFreedom"/> is below 1.</exception>
    public static double Cdf(double t, int degreesOfFreedom)
    {
        CheckDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        var tail = UpperTail(Math.Abs(t), degreesOfFreedom);
        return t < 0 ? tail : 1 - tail;
    }

    /// <summary>
    /// The t with Cdf(t) = <paramref name="p"/>: negative below 0.5, 0 at 0.5, the infinities at 0 and 1, NaN for
    /// NaN. Solved by Newton's method on the logarithm of the tail probability, safeguarded by bisection.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="p"/> is outside [0, 1] or <paramref name="degreesOfFreedom"/> is below 1.
    /// </exception>
    public static double Quantile(double p, int degreesOfFreedom)
    {
        CheckDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(p))
        {
            return double.NaN;
        }

        if (p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        }

        if (p == 0.5)
        {
            return 0;
        }

        // Solve in the smaller tail: 1 - p is exact for p >= 0.5, and the tail keeps its relative digits.
        var t = TailQuantile(p < 0.5 ? p : 1 - p, degreesOfFreedom);
        return p < 0.5 ? -t : t;
    }

    /// <summary>P(T &gt; t) for t &gt;= 0.</summary>
    internal static double UpperTail(double t, int degreesOfFreedom)
    {
        if (double.IsPositiveInfinity(t))
        {
            return 0;
        }

        var nu = (double)degreesOfFreedom;
        if (nu > NormalLimit)
        {
            // Abramowitz & Stegun 26.7.8, as in R's pt: P(T > t) ≈ Φ(-t (1 - c) / √(1 + 2ct²)) with c = 1/(4ν), error
            // O(1/ν²), below 1e-12 absolute here, where the fraction's rounding error (about ν · 1e-16) would exceed it.
            var c = 1 / (4 * nu);
            var z = t <= 1 ? t * (1 - c) / Math.Sqrt(1 + 2 * c * t * t) : (1 - c) / Math.Sqrt(1 / t / t + 2 * c);
            return StandardNormal.Cdf(-z);
        }

        // x = ν / (ν + t²) and y = t² / (ν + t²) through whichever ratio cannot overflow.
        double x;
        double y;
        double logX;
        double logY;
        if (t > Math.Sqrt(nu))
        {
            var r = nu / t / t;
            x = r / (1 + r);
            y = 1 / (1 + r);
            logY = -IncompleteBeta.Log1P(r);
            logX = Math.Log(nu) - 2 * Math.Log(t) + logY;
        }
        else
        {
            var r = t / nu * t;
            x = 1 / (1 + r);
            y = r / (1 + r);
            logX = -IncompleteBeta.Log1P(r);
            logY = Math.Log(r) + logX;
        }

        return 0.5 * IncompleteBeta.Regularized(nu / 2, 0.5, x, logX, y, logY);
    }

    /// <summary>ln of the density at t &gt;= 0.</summary>
    private static double LogDensity(double t, int degreesOfFreedom)
    {
        var nu = (double)degreesOfFreedom;
        var logOnePlus = t > Math.Sqrt(nu)
            ? 2 * Math.Log(t) - Math.Log(nu) + IncompleteBeta.Log1P(nu / t / t)
            : IncompleteBeta.Log1P(t / nu * t);
        return -IncompleteBeta.LogBeta(nu / 2, 0.5) - 0.5 * Math.Log(nu) - (nu + 1) / 2 * logOnePlus;
    }

    /// <summary>The t &gt;= 0 with P(T &gt; t) = <paramref name="tail"/>, for 0 &lt;= tail &lt; 0.5.</summary>
    private static double TailQuantile(double tail, int degreesOfFreedom)
    {
        if (tail == 0)
        {
            return double.PositiveInfinity;
        }

        var target = Math.Log(tail);
        var low = 0.0;
        var high = 1.0;
        while (UpperTail(high, degreesOfFreedom) > tail)
        {
            low = high;
            high *= 2;
            if (double.IsPositiveInfinity(high))
            {
                return high;
            }
        }

        var t = (low + high) / 2;
        for (var step = 0; step < MaxNewtonSteps; step++)
        {
            var current = UpperTail(t, degreesOfFreedom);
            if (current == tail)
            {
                return t;
            }

            if (current > tail)
            {
                low = t;
            }
            else
            {
                high = t;
            }

            // d/dt ln P(T > t) = -density(t) / P(T > t).
            var logCurrent = Math.Log(current);
            var next = t + (logCurrent - target) * Math.Exp(logCurrent - LogDensity(t, degreesOfFreedom));
            if (!(next > low && next < high))
            {
                next = low + (high - low) / 2;
            }

            if (Math.Abs(next - t) <= 1e-15 * t || next == low || next == high)
            {
                return next;
            }

            t = next;
        }

        return t;
    }

    private static void CheckDegreesOfFreedom(int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(degreesOfFreedom), degreesOfFreedom, "Student's t needs at least one degree of freedom.");
        }
    }
}
