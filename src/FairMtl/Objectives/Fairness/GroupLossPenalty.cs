namespace FairMtl.Objectives.Fairness;

/// <summary>
/// A fairness loss that is a function of the group losses L_g (GLF, GLD, BGL): the batch is checked, the present
/// groups' losses computed, and the gradient with respect to each L_g that <see cref="Evaluate"/> writes is carried back
/// to the rows. With fewer than two present groups the loss is 0 with a zero gradient.
/// </summary>
public abstract class GroupLossPenalty : IBatchFairnessLoss
{
    private readonly GroupLosses _groupLosses;
    private readonly double[] _lossGradient;

    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    protected GroupLossPenalty(int groupCount)
    {
        _groupLosses = new GroupLosses(groupCount);
        _lossGradient = new double[groupCount];
    }

    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient)
    {
        FairnessBatch.Check(logits, targets, groups, rows, gradient);
        _groupLosses.Compute(logits, targets, groups, rows);
        var present = _groupLosses.Present;
        if (present.Length < 2 || !Evaluate(present, _groupLosses.Losses, _lossGradient, out var value))
        {
            return FairnessBatch.Zero(gradient, rows);
        }

        if (!gradient.IsEmpty)
        {
            _groupLosses.Backward(logits, targets, groups, rows, _lossGradient, gradient);
        }

        return value;
    }

    /// <summary>
    /// The loss of the present groups' losses <paramref name="losses"/>[g] (at least two groups), writing d(loss)/d(L_g) into
    /// <paramref name="lossGradient"/>[g] for every present g; false when the loss is 0 with a zero gradient.
    /// </summary>
    protected abstract bool Evaluate(ReadOnlySpan<int> present, ReadOnlySpan<double> losses, double[] lossGradient, out double value);
}
