namespace FairMtl.Objectives.Fairness;

/// <summary>
/// Group loss fairness (GLF) on the group losses L_g: |L_a - L_b| when two groups are present, otherwise one minus
/// Jain's fairness index, 1 - (Σ L_g)² / (G' Σ L_g²) over the G' present groups.
/// </summary>
public sealed class GroupLossFairness : IBatchFairnessLoss
{
    private readonly GroupLosses _groupLosses;
    private readonly double[] _lossGradient;

    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    public GroupLossFairness(int groupCount)
    {
        _groupLosses = new GroupLosses(groupCount);
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

        double value;
        if (present.Length == 2)
        {
            var difference = _groupLosses.Loss(present[0]) - _groupLosses.Loss(present[1]);
            value = Math.Abs(difference);
            _lossGradient[present[0]] = Math.Sign(difference);
            _lossGradient[present[1]] = -Math.Sign(difference);
        }
        else
        {
            double sum = 0.0, sumOfSquares = 0.0;
            foreach (var group in present)
            {
                var loss = _groupLosses.Loss(group);
                sum += loss;
                sumOfSquares += loss * loss;
            }

            if (sumOfSquares == 0.0)
            {
                // Every group loss is exactly 0 (saturated logits): perfectly fair, and the index is 0/0.
                return FairnessBatch.Zero(gradient, rows);
            }

            double presentCount = present.Length;
            value = 1.0 - (sum * sum / (presentCount * sumOfSquares));
            var scale = -2.0 * sum / (presentCount * sumOfSquares);
            foreach (var group in present)
            {
                _lossGradient[group] = scale * (1.0 - (sum * _groupLosses.Loss(group) / sumOfSquares));
            }
        }

        if (!gradient.IsEmpty)
        {
            _groupLosses.Backward(logits, targets, groups, rows, _lossGradient, gradient);
        }

        return value;
    }
}
