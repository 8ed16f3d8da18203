using FairMtl.Spec;

namespace FairMtl.Objectives.Fairness;

/// <summary>Builds a batch fairness loss from its <see cref="FairnessLossKind"/>.</summary>
public static class FairnessLosses
{
    /// <summary>A new instance of <paramref name="penalty"/> over <paramref name="groupCount"/> groups.</summary>
    /// <param name="penalty">Which loss to build.</param>
    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    /// <param name="epsilon">The per-group loss bound; only <see cref="FairnessLossKind.Bgl"/> uses it.</param>
    /// <param name="bandwidth">The Gaussian kernel's bandwidth; only <see cref="FairnessLossKind.Mmd"/> uses it.</param>
    /// <param name="maxRows">The largest batch, for the losses that keep per-row buffers (0: made at the first batch).</param>
    public static IBatchFairnessLoss Create(FairnessLossKind penalty, int groupCount, double epsilon, double bandwidth = 1d, int maxRows = 0) => penalty switch
    {
        FairnessLossKind.Glf => new GroupLossFairness(groupCount),
        FairnessLossKind.Gld => new GroupLossDivergence(groupCount),
        FairnessLossKind.Bgl => new BoundedGroupLoss(groupCount, epsilon),
        FairnessLossKind.Dpl => new DemographicParityLoss(groupCount),
        FairnessLossKind.Fprl => new FalsePositiveRateLoss(groupCount),
        FairnessLossKind.Tprl => new TruePositiveRateLoss(groupCount),
        FairnessLossKind.Corr => new ScoreGroupCorrelation(groupCount),
        FairnessLossKind.Mmd => new ScoreMaximumMeanDiscrepancy(groupCount, bandwidth, maxRows),
        _ => throw new ArgumentOutOfRangeException(nameof(penalty), penalty, null),
    };
}
