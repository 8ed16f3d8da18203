namespace FairMtl.Evaluation.Classification;

/// <summary>
/// Group fairness gaps of a <see cref="GroupClassificationReport"/>. Each gap is the spread (max - min) of a per-group
/// metric, which for two groups is |metric(g1) - metric(g0)|. Groups where the metric is NaN (no positives, no
/// negatives, or no rows) are left out; with fewer than two groups left the gap is NaN.
/// </summary>
public static class FairnessGaps
{
    /// <summary>Spread of the true positive rates.</summary>
    public static double TprGap(GroupClassificationReport report) => Spread(report, group => group.Tpr);

    /// <summary>Spread of the false positive rates.</summary>
    public static double FprGap(GroupClassificationReport report) => Spread(report, group => group.Fpr);

    /// <summary>Equal opportunity difference: the <see cref="TprGap"/>.</summary>
    public static double EOpD(GroupClassificationReport report) => TprGap(report);

    /// <summary>
    /// Equalised odds difference: max(<see cref="TprGap"/>, <see cref="FprGap"/>); NaN when either is NaN, since
    /// equalised odds needs both rates.
    /// </summary>
    public static double EOD(GroupClassificationReport report) => OfBothGaps(report, Math.Max);

    /// <summary>
    /// The mean of the two gaps, (<see cref="TprGap"/> + <see cref="FprGap"/>) / 2: AIF360's average absolute odds
    /// difference, an equalised-odds difference some papers report under that name; NaN when either is NaN.
    /// </summary>
    public static double MeanOddsGap(GroupClassificationReport report) => OfBothGaps(report, static (tpr, fpr) => (tpr + fpr) / 2d);

    /// <summary>Group AUC difference: spread of the per-group AUCs.</summary>
    public static double GAUCD(GroupClassificationReport report) => Spread(report, group => group.Auc);

    /// <summary>Demographic parity gap: spread of the per-group positive prediction rates P(ŷ = 1 | g).</summary>
    public static double DemographicParityGap(GroupClassificationReport report) => Spread(report, group => group.PositiveRate);

    /// <summary><paramref name="combine"/> of the TPR gap and the FPR gap; NaN when either is NaN.</summary>
    private static double OfBothGaps(GroupClassificationReport report, Func<double, double, double> combine)
    {
        var tpr = TprGap(report);
        var fpr = FprGap(report);
        return double.IsNaN(tpr) || double.IsNaN(fpr) ? double.NaN : combine(tpr, fpr);
    }

    private static double Spread(GroupClassificationReport report, Func<GroupClassificationMetrics, double> metric)
    {
        var finite = 0;
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var group in report.Groups)
        {
            var value = metric(group);
            if (!double.IsFinite(value))
            {
                continue;
            }

            finite++;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        return finite < 2 ? double.NaN : max - min;
    }
}
