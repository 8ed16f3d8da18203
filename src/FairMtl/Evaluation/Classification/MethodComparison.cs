namespace FairMtl.Evaluation.Classification;

/// <summary>Summaries that compare several methods over several metrics.</summary>
public static class MethodComparison
{
    /// <summary>
    /// Each method's mean rank over the metrics of <paramref name="values"/>[method, metric]. Per metric the methods
    /// are ranked 1 = best (highest value when <paramref name="higherIsBetter"/>[metric], else lowest); tied values
    /// share the average of the ranks they span, and NaN values rank after every number (tied among themselves).
    /// With no metrics every mean rank is NaN.
    /// </summary>
    public static double[] MeanRanks(double[,] values, bool[] higherIsBetter)
    {
        var methods = values.GetLength(0);
        var metrics = values.GetLength(1);
        if (higherIsBetter.Length != metrics)
        {
            throw new ArgumentException($"{metrics} metrics but {higherIsBetter.Length} directions.", nameof(higherIsBetter));
        }

        var rankSums = new double[methods];
        var order = new int[methods];
        for (var k = 0; k < metrics; k++)
        {
            var metric = k;
            var sign = higherIsBetter[k] ? -1 : 1;
            for (var m = 0; m < methods; m++)
            {
                order[m] = m;
            }

            // Best first, NaN last, equal values by method index: a total order, so ranks never depend on the sort.
            Array.Sort(order, (a, b) =>
            {
                var byValue = Compare(values[a, metric], values[b, metric], sign);
                return byValue != 0 ? byValue : a.CompareTo(b);
            });

            var start = 0;
            while (start < methods)
            {
                var end = start + 1;
                while (end < methods && Compare(values[order[end], k], values[order[start], k], sign) == 0)
                {
                    end++;
                }

                // Positions start..end-1 hold ranks start+1..end; their average is (start + 1 + end) / 2.
                var rank = (start + 1 + end) / 2.0;
                for (var p = start; p < end; p++)
                {
                    rankSums[order[p]] += rank;
                }

                start = end;
            }
        }

        var means = new double[methods];
        for (var m = 0; m < methods; m++)
        {
            means[m] = metrics == 0 ? double.NaN : rankSums[m] / metrics;
        }

        return means;
    }

    /// <summary>
    /// Delta_m% of Navon et al. (2022): <c>100 / K * sum_k (-1)^d_k (M_k - B_k) / B_k</c>, where d_k = 1 when higher
    /// is better for metric k and 0 otherwise, so a lower Delta_m is better and 0 means "same as the baseline".
    /// Metrics whose baseline value is 0 or NaN, or whose method value is NaN, are skipped, and K counts only the
    /// metrics used; NaN when no metric is usable. Summed in metric order.
    /// </summary>
    public static double DeltaM(ReadOnlySpan<double> method, ReadOnlySpan<double> baseline, bool[] higherIsBetter)
    {
        if (method.Length != baseline.Length || method.Length != higherIsBetter.Length)
        {
            throw new ArgumentException(
                $"{method.Length} method values, {baseline.Length} baseline values and {higherIsBetter.Length} directions.");
        }

        var used = 0;
        var sum = 0.0;
        for (var k = 0; k < method.Length; k++)
        {
            if (baseline[k] == 0 || double.IsNaN(baseline[k]) || double.IsNaN(method[k]))
            {
                continue;
            }

            var relative = (method[k] - baseline[k]) / baseline[k];
            sum += higherIsBetter[k] ? -relative : relative;
            used++;
        }

        return used == 0 ? double.NaN : 100.0 * sum / used;
    }

    // Orders a before b when a is better; sign -1 flips the numeric order for higher-is-better metrics.
    private static int Compare(double a, double b, int sign)
    {
        var aNaN = double.IsNaN(a);
        var bNaN = double.IsNaN(b);
        if (aNaN || bNaN)
        {
            return aNaN.CompareTo(bNaN);
        }

        return sign * a.CompareTo(b);
    }
}
