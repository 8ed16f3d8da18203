namespace FairMtl.Objectives.Fairness;

/// <summary>
/// Demographic parity loss (DPL): the spread of the groups' mean predicted probabilities, |s_1 - s_0| for two
/// groups and max_g s_g - min_g s_g for more, where s_g is the mean of p over the batch rows of group g.
/// </summary>
public sealed class DemographicParityLoss : IBatchFairnessLoss
{
    private readonly MeanProbabilityGap _gap;

    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    public DemographicParityLoss(int groupCount) => _gap = new MeanProbabilityGap(groupCount, positive: null);

    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient) =>
        _gap.Compute(logits, targets, groups, rows, gradient);
}
