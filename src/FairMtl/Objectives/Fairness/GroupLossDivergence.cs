namespace FairMtl.Objectives.Fairness;

/// <summary>
/// Group loss divergence (GLD): with P = softmax(-L) over the G' present groups' losses, exp(KL(P || U)) - 1 where
/// KL(P || U) = Σ_g P_g log(P_g G') is the divergence from the uniform distribution.
/// </summary>
public sealed class GroupLossDivergence : IBatchFairnessLoss
{
    private readonly GroupLosses _groupLosses;
    private readonly double[] _logProbabilities;
    private readonly double[] _lossGradient;

    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    public GroupLossDivergence(int groupCount)
    {
        _groupLosses = new GroupLosses(groupCount);
        _logProbabilities = new double[groupCount];
        _lossGradient = new double[groupCount];
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

        // Shifted by the smallest loss so that the largest exponent is exactly 0 (and equal losses give exactly 1/G').
        var smallest = double.PositiveInfinity;
        foreach (var group in present)
        {
            smallest = Math.Min(smallest, _groupLosses.Loss(group));
        }

        var partition = 0.0;
        foreach (var group in present)
        {
            partition += Math.Exp(smallest - _groupLosses.Loss(group));
        }

        var logPartition = Math.Log(partition);
        var logPresent = Math.Log(present.Length);
        var divergence = 0.0;
        foreach (var group in present)
        {
            var logProbability = smallest - _groupLosses.Loss(group) - logPartition;
            _logProbabilities[group] = logProbability;
            divergence += Math.Exp(logProbability) * (logProbability + logPresent);
        }

        var expDivergence = Math.Exp(divergence);
        if (!gradient.IsEmpty)
        {
            // dKL/dL_g = P_g (KL - log(P_g G')): the softmax Jacobian applied to dKL/dP_h = log(P_h G') + 1.
            foreach (var group in present)
            {
                var logProbability = _logProbabilities[group];
                _lossGradient[group] = expDivergence * Math.Exp(logProbability) * (divergence - logProbability - logPresent);
            }

            _groupLosses.Backward(logits, targets, groups, rows, _lossGradient, gradient);
        }

        return expDivergence - 1.0;
    }
}
