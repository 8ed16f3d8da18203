namespace FairMtl.Evaluation.Statistics;

/// <summary>
/// The regularized incomplete beta function I_x(a, b) by its continued fraction (Numerical Recipes, 3rd ed., §6.4),
/// with a log-beta that keeps its digits for large arguments (the Stirling-series split of R's lbeta).
/// </summary>
internal static class IncompleteBeta
{
    private const int MaxIterations = 100_000;
    private const double Tolerance = 1e-15;
    private const double Tiny = 1e-300;
    private const double HalfLogTwoPi = 0.918938533204672741780329736406;

    // Lanczos approximation, g = 7, nine coefficients: relative error about 1e-15 for x >= 0.5.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>
    /// I_x(a, b) for a, b &gt; 0 and 0 &lt;= x &lt;= 1, given y = 1 - x and the logarithms of both as well: callers that
    /// can form them without subtracting or overflowing (t² / (ν + t²) rather than 1 - ν / (ν + t²), ln ν - 2 ln t
    /// rather than the log of an underflowed ν / t²) keep their digits at both ends. The rounding error of the
    /// fraction grows like max(a, b) · 1e-16 when x is close to 1.
    /// </summary>
    public static double Regularized(double a, double b, double x, double logX, double y, double logY)
    {
        if (double.IsNegativeInfinity(logX))
        {
            return 0;
        }

        if (double.IsNegativeInfinity(logY))
        {
            return 1;
        }

        // The fraction converges quickly only below (a + 1) / (a + b + 2); above it, I_x(a, b) = 1 - I_y(b, a).
        return x < (a + 1) / (a + b + 2)
            ? Math.Exp(a * logX + b * logY - LogBeta(a, b)) * ContinuedFraction(a, b, x) / a
            : 1 - Math.Exp(b * logY + a * logX - LogBeta(a, b)) * ContinuedFraction(b, a, y) / b;
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b) for a, b &gt; 0.</summary>
    public static double LogBeta(double a, double b)
    {
        var p = Math.Min(a, b);
        var q = Math.Max(a, b);
        var ratio = p / (p + q);
        if (p >= 10)
        {
            var correction = StirlingCorrection(p) + StirlingCorrection(q) - StirlingCorrection(p + q);
            return -0.5 * Math.Log(q) + HalfLogTwoPi + correction + (p - 0.5) * Math.Log(ratio) + q * Log1P(-ratio);
        }

        if (q >= 10)
        {
            var correction = StirlingCorrection(q) - StirlingCorrection(p + q);
            return LogGamma(p) + correction + p - p * Math.Log(p + q) + (q - 0.5) * Log1P(-ratio);
        }

        return LogGamma(p) + LogGamma(q) - LogGamma(p + q);
    }

    /// <summary>ln(1 + z), accurate for small z (Goldberg's correction of the rounded 1 + z).</summary>
    public static double Log1P(double z)
    {
        var u = 1 + z;
        return u == 1 ? z : Math.Log(u) * (z / (u - 1));
    }

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        var shifted = x - 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (shifted + i);
        }

        var t = shifted + 7.5;
        return HalfLogTwoPi + (shifted + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>The continued fraction of I_x(a, b) by the modified Lentz method (Numerical Recipes' betacf).</summary>
    private static double ContinuedFraction(double a, double b, double x)
    {
        var sum = a + b;
        var up = a + 1;
        var down = a - 1;
        var c = 1.0;
        var d = 1 / Guard(1 - sum * x / up);
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var even = m * (b - m) * x / ((down + m2) * (a + m2));
            d = 1 / Guard(1 + even * d);
            c = Guard(1 + even / c);
            h *= d * c;

            var odd = -(a + m) * (sum + m) * x / ((a + m2) * (up + m2));
            d = 1 / Guard(1 + odd * d);
            c = Guard(1 + odd / c);
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) <= Tolerance)
            {
                return h;
            }
        }

        throw new InvalidOperationException($"The incomplete beta fraction for a = {a}, b = {b}, x = {x} did not converge.");
    }

    private static double Guard(double value) => Math.Abs(value) < Tiny ? Tiny : value;

    /// <summary>ln Γ(x) - ((x - 1/2) ln x - x + ln √(2π)) for x &gt;= 10, by the Stirling series to the x⁻¹³ term.</summary>
    private static double StirlingCorrection(double x)
    {
        var z = 1 / x;
        var z2 = z * z;
        return z * (1.0 / 12 + z2 * (-1.0 / 360 + z2 * (1.0 / 1260 + z2 * (-1.0 / 1680
            + z2 * (1.0 / 1188 + z2 * (-691.0 / 360360 + z2 * (1.0 / 156)))))));
    }
}
