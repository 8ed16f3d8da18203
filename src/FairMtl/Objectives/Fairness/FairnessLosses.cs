namespace FairMtl.Objectives.Fairness;

/// <summary>Builds a batch fairness loss from its <see cref="FairnessPenalty"/>.</summary>
public static class FairnessLosses
{
    /// <summary>A new instance of <paramref name="penalty"/> over <paramref name="groupCount"/> groups.</summary>
    /// <param name="penalty">Which loss to build.</param>
    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    /// <param name="epsilon">The per-group loss bound; only <see cref="FairnessPenalty.Bgl"/> uses it.</param>
    public static IBatchFairnessLoss Create(FairnessPenalty penalty, int groupCount, double epsilon) => penalty switch
    {
        FairnessPenalty.Glf => new GroupLossFairness(groupCount),
        FairnessPenalty.Gld => new GroupLossDivergence(groupCount),
        FairnessPenalty.Bgl => new BoundedGroupLoss(groupCount, epsilon),
        FairnessPenalty.Dpl => new DemographicParityLoss(groupCount),
        FairnessPenalty.Fprl => new FalsePositiveRateLoss(groupCount),
        FairnessPenalty.Tprl => new TruePositiveRateLoss(groupCount),
        _ => throw new ArgumentOutOfRangeException(nameof(penalty), penalty, null),
    };
}
