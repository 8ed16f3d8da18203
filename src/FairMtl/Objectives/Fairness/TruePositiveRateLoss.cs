namespace FairMtl.Objectives.Fairness;

/// <summary>
/// True positive rate loss (TPRL): the spread of the groups' mean predicted probabilities over their positive
/// rows (target 1), |s_1 - s_0| for two groups and max_g s_g - min_g s_g for more. Groups without a positive row in
/// the batch take no part.
/// </summary>
public sealed class TruePositiveRateLoss : IBatchFairnessLoss
{
    private readonly MeanProbabilityGap _gap;

    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    public TruePositiveRateLoss(int groupCount) => _gap = new MeanProbabilityGap(groupCount, positive: true);

    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient) =>
        _gap.Compute(logits, targets, groups, rows, gradient);
}
