namespace FairMtl.Objectives.Fairness;

/// <summary>Bounded group loss (BGL): Σ_g max(0, L_g - ε) over the present groups' losses.</summary>
public sealed class BoundedGroupLoss : IBatchFairnessLoss
{
    private readonly GroupLosses _groupLosses;
    private readonly double[] _lossGradient;
    private readonly double _epsilon;

    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    /// <param name="epsilon">The bound ε on each group's mean cross-entropy; finite and non-negative.</param>
    public BoundedGroupLoss(int groupCount, double epsilon)
    {
        if (!double.IsFinite(epsilon) || epsilon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The bound must be finite and non-negative.");
        }

        _groupLosses = new GroupLosses(groupCount);
        _lossGradient = new double[groupCount];
        _epsilon = epsilon;
    }

    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient)
    {
        FairnessBatch.Check(logits, targets, groups, rows, gradient);
        _groupLosses.Compute(logits, targets, groups, rows);
        var present = _groupLosses.Present;
        if (present.Length < 2)
        {
            return FairnessBatch.Zero(gradient, rows);
        }

        var value = 0.0;
        foreach (var group in present)
        {
            var excess = _groupLosses.Loss(group) - _epsilon;
            value += Math.Max(0.0, excess);
            _lossGradient[group] = excess > 0.0 ? 1.0 : 0.0;
        }

        if (!gradient.IsEmpty)
        {
            _groupLosses.Backward(logits, targets, groups, rows, _lossGradient, gradient);
        }

        return value;
    }
}
