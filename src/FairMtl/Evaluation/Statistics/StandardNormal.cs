namespace FairMtl.Evaluation.Statistics;

/// <summary>The standard normal distribution function Φ, through erfc (relative error about 1e-13).</summary>
public static class StandardNormal
{
    private const int MaxTerms = 1000;

    /// <summary>Φ(z) = P(Z &lt;= z) = erfc(-z / √2) / 2; 0 and 1 at the infinities, NaN for NaN.</summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        if (double.IsInfinity(z))
        {
            return z > 0 ? 1 : 0;
        }

        var x = Math.Abs(z) / Math.Sqrt(2);
        var tail = 0.5 * Erfc(x);
        return z < 0 ? tail : 1 - tail;
    }

    /// <summary>erfc(x) for x &gt;= 0.</summary>
    private static double Erfc(double x)
    {
        if (x < 2)
        {
            return 1 - ErfSeries(x);
        }

        // erfc(x) = e^{-x²} / (√π · f) with f = x + (1/2)/(x + 1/(x + (3/2)/(x + ...))) (Abramowitz & Stegun 7.1.14),
        // evaluated by the modified Lentz method; it converges quickly for x >= 2.
        const double tiny = 1e-300;
        var f = x;
        var c = f;
        var d = 0.0;
        for (var k = 1; k <= MaxTerms; k++)
        {
            var a = k / 2.0;
            d = x + a * d;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = x + a / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) <= 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / (Math.Sqrt(Math.PI) * f);
    }

    /// <summary>
    /// erf(x) = 2/√π · e^{-x²} · Σ_k 2^k x^{2k+1} / (1 · 3 · ... · (2k+1)) (Abramowitz &amp; Stegun 7.1.6): every term
    /// is positive, so unlike the Taylor series nothing cancels.
    /// </summary>
    private static double ErfSeries(double x)
    {
        var x2 = x * x;
        var term = x;
        var sum = x;
        for (var k = 1; k <= MaxTerms && term > sum * 1e-17; k++)
        {
            term *= 2 * x2 / (2 * k + 1);
            sum += term;
        }

        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x2) * sum;
    }
}
