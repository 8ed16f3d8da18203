namespace FairMtl.Evaluation.Statistics;

/// <summary>The outcome of a <see cref="WilcoxonSignedRank"/> test.</summary>
/// <param name="Count">The number of pairs whose difference is not 0 (the ones that are ranked).</param>
/// <param name="WPlus">The sum of the ranks of the positive differences.</param>
/// <param name="WMinus">The sum of the ranks of the negative differences.</param>
/// <param name="PValue">The two-sided p value of the hypothesis that the differences are symmetric about 0.</param>
public sealed record WilcoxonResult(int Count, double WPlus, double WMinus, double PValue)
{
    /// <summary>The usual test statistic, min(W+, W-).</summary>
    public double Statistic => Math.Min(WPlus, WMinus);
}
