namespace FairMtl.Objectives.Fairness;

/// <summary>Bounded group loss (BGL): Σ_g max(0, L_g - ε) over the present groups' losses.</summary>
public sealed class BoundedGroupLoss : GroupLossPenalty
{
    private readonly double _epsilon;

    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    /// <param name="epsilon">The bound ε on each group's mean cross-entropy; finite and non-negative.</param>
    public BoundedGroupLoss(int groupCount, double epsilon)
        : base(groupCount)
    {
        if (!double.IsFinite(epsilon) || epsilon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The bound must be finite and non-negative.");
        }

        _epsilon = epsilon;
    }

    protected override bool Evaluate(ReadOnlySpan<int> present, ReadOnlySpan<double> losses, double[] lossGradient, out double value)
    {
        value = 0.0;
        foreach (var group in present)
        {
            var excess = losses[group] - _epsilon;
            value += Math.Max(0.0, excess);
            lossGradient[group] = excess > 0.0 ? 1.0 : 0.0;
        }

        return true;
    }
}
