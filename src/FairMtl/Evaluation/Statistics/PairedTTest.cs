namespace FairMtl.Evaluation.Statistics;

/// <summary>Student's paired t test: a one-sample t test on the differences of paired samples.</summary>
public static class PairedTTest
{
    /// <summary>
    /// Tests whether the mean of d = a - b is 0: t = mean(d) / (s_d / √n) with n - 1 degrees of freedom, two-sided
    /// p = 2 · (1 - Cdf(|t|)) (evaluated as 2 · Cdf(-|t|), which keeps the digits of small p values), and the
    /// interval of <see cref="SampleSummary.Of"/>. With fewer than two pairs the interval, t and p are NaN. When
    /// every difference is the same the test degenerates: for differences all 0, t = 0 and p = 1 (no evidence of a
    /// difference); otherwise t is infinite with the sign of the mean and p = 0. The interval is then the single
    /// point at the mean difference.
    /// </summary>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not strictly between 0 and 1.</exception>
    public static PairedTestResult Test(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double confidence = 0.95)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"{a.Length} values in a but {b.Length} in b.", nameof(b));
        }

        var differences = new double[a.Length];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = a[i] - b[i];
        }

        var summary = SampleSummary.Of(differences, confidence);
        var (n, mean) = (summary.Count, summary.Mean);
        if (n < 2)
        {
            return new PairedTestResult(n, mean, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        if (summary.StandardDeviation == 0)
        {
            return mean == 0
                ? new PairedTestResult(n, mean, mean, mean, 0, 1)
                : new PairedTestResult(n, mean, mean, mean, mean > 0 ? double.PositiveInfinity : double.NegativeInfinity, 0);
        }

        var statistic = mean / (summary.StandardDeviation / Math.Sqrt(n));
        var pValue = 2 * StudentT.Cdf(-Math.Abs(statistic), n - 1);
        return new PairedTestResult(n, mean, summary.Low, summary.High, statistic, pValue);
    }
}
