using FairMtl.Numerics;

namespace FairMtl.Evaluation.Statistics;

/// <summary>Seeded bootstrap confidence intervals.</summary>
public static class Bootstrap
{
    /// <summary>
    /// The percentile bootstrap interval of the mean: <paramref name="resamples"/> times, draw n values with replacement
    /// (indices from <see cref="DeterministicRandom.NextInt"/> of a generator seeded with <paramref name="seed"/>, in
    /// order) and take their mean; the ends are the (1 - c)/2 and (1 + c)/2 percentiles of the sorted means by the
    /// nearest-rank rule: the p-th percentile of B sorted values is the one at 1-based rank ⌈p · B⌉ (at least 1), the
    /// smallest value with at least a share p of the values at or below it. Same inputs, same interval. A NaN value
    /// gives NaN ends.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="resamples"/> is below 1 or <paramref name="confidence"/> is not strictly between 0 and 1.
    /// </exception>
    public static (double Low, double High) MeanInterval(
        ReadOnlySpan<double> values, int resamples, double confidence, ulong seed)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("There are no values to resample.", nameof(values));
        }

        if (resamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "At least one resample is needed.");
        }

        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level must lie in (0, 1).");
        }

        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                return (double.NaN, double.NaN);
            }
        }

        var random = new DeterministicRandom(seed);
        var n = values.Length;
        var origin = values[0];
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            // Offsets from one value, as in SampleSummary: resamples of constant data average to exactly that constant.
            var offsets = 0.0;
            for (var i = 0; i < n; i++)
            {
                offsets += values[random.NextInt(n)] - origin;
            }

            means[r] = origin + offsets / n;
        }

        Array.Sort(means);
        var tail = (1 - confidence) / 2;
        return (means[NearestRank(tail, resamples) - 1], means[NearestRank(1 - tail, resamples) - 1]);
    }

    private static int NearestRank(double share, int count)
    {
        // Rounded before the ceiling: (1 - 0.95) / 2 is 0.025000000000000022, and of 1000 means it must pick rank 25.
        var rank = (int)Math.Ceiling(Math.Round(share * count, 9));
        return Math.Clamp(rank, 1, count);
    }
}
