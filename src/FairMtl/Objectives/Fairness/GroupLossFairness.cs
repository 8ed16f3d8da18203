namespace FairMtl.Objectives.Fairness;

/// <summary>
/// Group loss fairness (GLF) on the group losses L_g: |L_a - L_b| when two groups are present, otherwise one minus
/// Jain's fairness index, 1 - (Σ L_g)² / (G' Σ L_g²) over the G' present groups.
/// </summary>
/// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
public sealed class GroupLossFairness(int groupCount) : GroupLossPenalty(groupCount)
{
    protected override bool Evaluate(ReadOnlySpan<int> present, ReadOnlySpan<double> losses, double[] lossGradient, out double value)
    {
        if (present.Length == 2)
        {
            var difference = losses[present[0]] - losses[present[1]];
            value = Math.Abs(difference);
            lossGradient[present[0]] = Math.Sign(difference);
            lossGradient[present[1]] = -Math.Sign(difference);
            return true;
        }

        double sum = 0.0, sumOfSquares = 0.0;
        foreach (var group in present)
        {
            sum += losses[group];
            sumOfSquares += losses[group] * losses[group];
        }

        if (sumOfSquares == 0.0)
        {
            // Every group loss is exactly 0 (saturated logits): perfectly fair, and the index is 0/0.
            value = 0.0;
            return false;
        }

        double presentCount = present.Length;
        value = 1.0 - (sum * sum / (presentCount * sumOfSquares));
        var scale = -2.0 * sum / (presentCount * sumOfSquares);
        foreach (var group in present)
        {
            lossGradient[group] = scale * (1.0 - (sum * losses[group] / sumOfSquares));
        }

        return true;
    }
}
