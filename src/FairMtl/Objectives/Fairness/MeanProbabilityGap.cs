namespace FairMtl.Objectives.Fairness;

/// <summary>
/// The spread max_g s_g - min_g s_g of the groups' mean predicted probabilities s_g, taken over every row of a group
/// or only over its rows with one label; groups with no such row take no part. For two groups this is |s_1 - s_0|.
/// The gradient flows through the argmax and argmin groups, ties going to the lowest group index, so equal means give
/// zero gradient, as sign(0) = 0 does for two groups. Shared by <see cref="DemographicParityLoss"/>,
/// <see cref="FalsePositiveRateLoss"/> and <see cref="TruePositiveRateLoss"/>.
/// </summary>
internal sealed class MeanProbabilityGap
{
    private readonly double[] _means;
    private readonly int[] _counts;
    private readonly bool? _positive;

    /// <param name="groupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
    /// <param name="positive">Null for every row, true for positive rows only (target at least 0.5), false for negative ones.</param>
    public MeanProbabilityGap(int groupCount, bool? positive)
    {
        FairnessBatch.CheckGroupCount(groupCount);
        _means = new double[groupCount];
        _counts = new int[groupCount];
        _positive = positive;
    }

    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient)
    {
        FairnessBatch.Check(logits, targets, groups, rows, gradient);
        Array.Clear(_means);
        Array.Clear(_counts);
        for (var i = 0; i < rows; i++)
        {
            var group = FairnessBatch.Group(groups, i, _means.Length);
            if (Selects(targets[i]))
            {
                _means[group] += TaskLoss.Sigmoid(logits[i]);
                _counts[group]++;
            }
        }

        int present = 0, highest = -1, lowest = -1;
        for (var group = 0; group < _means.Length; group++)
        {
            if (_counts[group] == 0)
            {
                continue;
            }

            present++;
            _means[group] /= _counts[group];
            if (highest < 0 || _means[group] > _means[highest])
            {
                highest = group;
            }

            if (lowest < 0 || _means[group] < _means[lowest])
            {
                lowest = group;
            }
        }

        if (present < 2)
        {
            return FairnessBatch.Zero(gradient, rows);
        }

        if (!gradient.IsEmpty)
        {
            for (var i = 0; i < rows; i++)
            {
                var group = groups[i];
                var direction = (group == highest ? 1.0 : 0.0) - (group == lowest ? 1.0 : 0.0);
                gradient[i] = direction != 0.0 && Selects(targets[i])
                    ? (float)(direction * FairnessBatch.SigmoidDerivative(logits[i]) / _counts[group])
                    : 0f;
            }
        }

        return _means[highest] - _means[lowest];
    }

    private bool Selects(float target) => _positive is not { } positive || (target >= 0.5f) == positive;
}
