namespace FairMtl.Evaluation.Statistics;

/// <summary>The two-sided Wilcoxon signed-rank test on paired samples.</summary>
public static class WilcoxonSignedRank
{
    /// <summary>Up to this many non-zero differences the p value is exact; above it, the normal approximation.</summary>
    public const int ExactLimit = 25;

    /// <summary>
    /// Ranks the differences d = a - b by |d| and sums the ranks of the positive ones (W+) and of the negative ones
    /// (W-). Differences of exactly 0 are dropped before ranking (Wilcoxon's original convention, not Pratt's), and
    /// differences with exactly equal |d| share the average of their ranks. For up to <see cref="ExactLimit"/>
    /// non-zero differences p is exact: 2 · P(W+ &lt;= min(W+, W-)) (at most 1) under the null distribution of all 2^n
    /// sign patterns of the given ranks, tied ranks included. Above it p = 2 · Φ(z) (at most 1) with
    /// z = min(0, min(W+, W-) - n(n+1)/4 + 1/2) / σ, σ² = n(n+1)(2n+1)/24 - Σ(t³ - t)/48 over groups of t tied |d|: a
    /// normal approximation with tie and continuity corrections. No non-zero differences give W+ = W- = 0 and p = 1;
    /// a NaN difference makes W+, W- and p NaN.
    /// </summary>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    public static WilcoxonResult Test(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"{a.Length} values in a but {b.Length} in b.", nameof(b));
        }

        var differences = new List<double>(a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            var difference = a[i] - b[i];
            if (difference != 0)
            {
                differences.Add(difference);
            }
        }

        var n = differences.Count;
        if (differences.Exists(double.IsNaN))
        {
            return new WilcoxonResult(n, double.NaN, double.NaN, double.NaN);
        }

        var signed = differences.ToArray();
        var magnitudes = Array.ConvertAll(signed, Math.Abs);
        Array.Sort(magnitudes, signed);

        // Ranks doubled so that the average rank of a tie group, (first + last) / 2, is a whole number.
        var doubledRanks = new int[n];
        var doubledPlus = 0L;
        var tieSum = 0.0;
        for (var first = 0; first < n;)
        {
            var last = first;
            while (last + 1 < n && magnitudes[last + 1] == magnitudes[first])
            {
                last++;
            }

            for (var i = first; i <= last; i++)
            {
                doubledRanks[i] = first + last + 2;
                if (signed[i] > 0)
                {
                    doubledPlus += doubledRanks[i];
                }
            }

            double size = last - first + 1;
            tieSum += size * size * size - size;
            first = last + 1;
        }

        var doubledMinus = (long)n * (n + 1) - doubledPlus;
        var doubledStatistic = Math.Min(doubledPlus, doubledMinus);
        var pValue = n <= ExactLimit
            ? ExactPValue(doubledRanks, (int)doubledStatistic)
            : NormalPValue(n, doubledStatistic / 2.0, tieSum);
        return new WilcoxonResult(n, doubledPlus / 2.0, doubledMinus / 2.0, pValue);
    }

    /// <summary>
    /// 2 · P(doubled W+ &lt;= <paramref name="doubledStatistic"/>), capped at 1, by counting the sign patterns with each
    /// rank sum: adding a rank r turns the counts c into c(s) + c(s - r). The null distribution is symmetric about
    /// half the total (flipping every sign swaps W+ and W-), so doubling the lower tail gives the two-sided p.
    /// </summary>
    private static double ExactPValue(int[] doubledRanks, int doubledStatistic)
    {
        var total = 0;
        foreach (var rank in doubledRanks)
        {
            total += rank;
        }

        var counts = new long[total + 1];
        counts[0] = 1;
        var reached = 0;
        foreach (var rank in doubledRanks)
        {
            reached += rank;
            for (var sum = reached; sum >= rank; sum--)
            {
                counts[sum] += counts[sum - rank];
            }
        }

        var atMost = 0L;
        for (var sum = 0; sum <= doubledStatistic; sum++)
        {
            atMost += counts[sum];
        }

        return Math.Min(1.0, 2.0 * atMost / (1L << doubledRanks.Length));
    }

    private static double NormalPValue(int n, double statistic, double tieSum)
    {
        var count = (double)n;
        var mean = count * (count + 1) / 4;
        var variance = count * (count + 1) * (2 * count + 1) / 24 - tieSum / 48;
        var z = Math.Min(0, statistic - mean + 0.5) / Math.Sqrt(variance);
        return Math.Min(1.0, 2 * StandardNormal.Cdf(z));
    }
}
