namespace FairMtl.Evaluation.Statistics;

/// <summary>
/// Two one-sided t-tests (Schuirmann's TOST) for the equivalence of two independent samples' means within a margin
/// +-<c>margin</c>: equivalent at level alpha when both H0: mean(b) - mean(a) &lt;= -margin and H0: mean(b) - mean(a)
/// &gt;= +margin are rejected, i.e. when the 1 - 2 alpha confidence interval of the difference lies inside the margin.
/// Pooled variance (equal-variance t), df = n_a + n_b - 2.
/// </summary>
/// <param name="Difference">mean(b) - mean(a).</param>
/// <param name="StandardError">The difference's standard error.</param>
/// <param name="PooledDeviation">The pooled standard deviation of the two samples.</param>
/// <param name="Margin">The equivalence margin.</param>
/// <param name="PValue">The larger of the two one-sided p-values (equivalent at level alpha when below alpha).</param>
/// <param name="DegreesOfFreedom">n_a + n_b - 2.</param>
public sealed record EquivalenceTest(double Difference, double StandardError, double PooledDeviation, double Margin, double PValue, int DegreesOfFreedom)
{
    /// <summary>TOST of <paramref name="b"/>'s mean against <paramref name="a"/>'s within +-<paramref name="margin"/>.</summary>
    public static EquivalenceTest Of(IReadOnlyList<double> a, IReadOnlyList<double> b, double margin)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            throw new ArgumentException("Each sample needs at least two values.");
        }

        var (meanA, squaresA) = Moments(a);
        var (meanB, squaresB) = Moments(b);
        var degrees = a.Count + b.Count - 2;
        var pooled = Math.Sqrt((squaresA + squaresB) / degrees);
        var standardError = pooled * Math.Sqrt((1.0 / a.Count) + (1.0 / b.Count));
        var difference = meanB - meanA;
        var lower = 1 - StudentT.Cdf((difference + margin) / standardError, degrees);
        var upper = StudentT.Cdf((difference - margin) / standardError, degrees);
        return new EquivalenceTest(difference, standardError, pooled, margin, Math.Max(lower, upper), degrees);
    }

    /// <summary>Whether the means are equivalent within the margin at level <paramref name="alpha"/>.</summary>
    public bool Equivalent(double alpha = 0.05) => PValue < alpha;

    private static (double Mean, double Squares) Moments(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var squares = values.Sum(value => (value - mean) * (value - mean));
        return (mean, squares);
    }
}
