namespace FairMtl.Evaluation.Statistics;

/// <summary>
/// The mean of a sample (for instance one metric over training seeds), its sample standard deviation and the
/// Student-t confidence interval of the mean.
/// </summary>
/// <param name="Count">The number of values.</param>
/// <param name="Mean">The arithmetic mean; NaN for no values.</param>
/// <param name="StandardDeviation">The sample standard deviation (divisor n - 1); 0 for one value, NaN for none.</param>
/// <param name="Low">The lower end of the interval; NaN for fewer than two values.</param>
/// <param name="High">The upper end of the interval; NaN for fewer than two values.</param>
public sealed record SampleSummary(int Count, double Mean, double StandardDeviation, double Low, double High)
{
    /// <summary>
    /// Summarises <paramref name="values"/>: mean, sample standard deviation s and the interval
    /// mean ± t_{(1+c)/2, n-1} · s / √n for confidence c. Sums run in index order; a NaN value makes everything NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not strictly between 0 and 1.</exception>
    public static SampleSummary Of(ReadOnlySpan<double> values, double confidence = 0.95)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level must lie in (0, 1).");
        }

        var n = values.Length;
        if (n == 0)
        {
            return new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        // Summing offsets from the first value keeps the mean of constant data exact (ten 0.1s do not sum to 1).
        var origin = values[0];
        var offsets = 0.0;
        foreach (var value in values)
        {
            offsets += value - origin;
        }

        var mean = origin + offsets / n;
        if (n == 1)
        {
            return new SampleSummary(1, mean, 0, double.NaN, double.NaN);
        }

        var squares = 0.0;
        foreach (var value in values)
        {
            var deviation = value - mean;
            squares += deviation * deviation;
        }

        var standardDeviation = Math.Sqrt(squares / (n - 1));
        var halfWidth = StudentT.Quantile((1 + confidence) / 2, n - 1) * standardDeviation / Math.Sqrt(n);
        return new SampleSummary(n, mean, standardDeviation, mean - halfWidth, mean + halfWidth);
    }
}
