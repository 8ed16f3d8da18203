namespace FairMtl.Objectives.Fairness;

/// <summary>
/// Group loss divergence (GLD): with P = softmax(-L) over the G' present groups' losses, exp(KL(P || U)) - 1 where
/// KL(P || U) = Σ_g P_g log(P_g G') is the divergence from the uniform distribution.
/// </summary>
public sealed class GroupLossDivergence : GroupLossPenalty
{
    private readonly double[] _logProbabilities;

    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    public GroupLossDivergence(int groupCount)
        : base(groupCount) => _logProbabilities = new double[groupCount];

    protected override bool Evaluate(ReadOnlySpan<int> present, ReadOnlySpan<double> losses, double[] lossGradient, out double value)
    {
        // Shifted by the smallest loss so that the largest exponent is exactly 0 (and equal losses give exactly 1/G').
        var smallest = double.PositiveInfinity;
        foreach (var group in present)
        {
            smallest = Math.Min(smallest, losses[group]);
        }

        var partition = 0.0;
        foreach (var group in present)
        {
            partition += Math.Exp(smallest - losses[group]);
        }

        var logPartition = Math.Log(partition);
        var logPresent = Math.Log(present.Length);
        var divergence = 0.0;
        foreach (var group in present)
        {
            var logProbability = smallest - losses[group] - logPartition;
            _logProbabilities[group] = logProbability;
            divergence += Math.Exp(logProbability) * (logProbability + logPresent);
        }

        var expDivergence = Math.Exp(divergence);

        // dKL/dL_g = P_g (KL - log(P_g G')): the softmax Jacobian applied to dKL/dP_h = log(P_h G') + 1.
        foreach (var group in present)
        {
            var logProbability = _logProbabilities[group];
            lossGradient[group] = expDivergence * Math.Exp(logProbability) * (divergence - logProbability - logPresent);
        }

        value = expDivergence - 1.0;
        return true;
    }
}
