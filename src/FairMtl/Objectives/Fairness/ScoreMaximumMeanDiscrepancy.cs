namespace FairMtl.Objectives.Fairness;

/// <summary>
/// The squared maximum mean discrepancy between the scores of group 0 and group 1 (MTA-F, Wang et al., KDD 2021), with
/// the Gaussian kernel k(x, y) = exp(-(x - y)² / (2σ²)) and the biased V-statistic over all pairs, i = i' included:
/// MMD² = (1 / n_0²) Σ_{i,i' ∈ g0} k(p_i, p_i') + (1 / n_1²) Σ_{j,j' ∈ g1} k(p_j, p_j') - (2 / (n_0 n_1)) Σ_{i ∈ g0, j ∈ g1} k(p_i, p_j).
/// For row i of group g the gradient is d(MMD²)/d(logit i) = 2 p_i (1 - p_i) [Σ_{j ∈ g} c_ij / n_g² - Σ_{j ∉ g} c_ij / (n_0 n_1)]
/// with c_ij = -(p_i - p_j) k(p_i, p_j) / σ². Defined for two groups only; targets are ignored, so the caller passes
/// the rows of interest (e.g. one task's negatives). With fewer than two groups present the loss is 0 with zero
/// gradient. Costs O(rows²) kernel evaluations per batch.
/// </summary>
public sealed class ScoreMaximumMeanDiscrepancy : IBatchFairnessLoss
{
    private readonly double _inverseTwoVariance;
    private readonly double _inverseVariance;

    /// <param name="groupCount">The number of groups; must be 2.</param>
    /// <param name="bandwidth">The kernel bandwidth σ; finite and positive.</param>
    public ScoreMaximumMeanDiscrepancy(int groupCount, double bandwidth)
    {
        if (groupCount != 2)
        {
            throw new ArgumentOutOfRangeException(nameof(groupCount), groupCount, "The score MMD is defined for two groups.");
        }

        if (!double.IsFinite(bandwidth) || bandwidth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "The bandwidth must be finite and positive.");
        }

        _inverseVariance = 1.0 / (bandwidth * bandwidth);
        _inverseTwoVariance = 0.5 * _inverseVariance;
    }

    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient)
    {
        FairnessBatch.Check(logits, targets, groups, rows, gradient);
        int count0 = 0, count1 = 0;
        for (var i = 0; i < rows; i++)
        {
            if (FairnessBatch.Group(groups, i, 2) == 0)
            {
                count0++;
            }
            else
            {
                count1++;
            }
        }

        if (count0 == 0 || count1 == 0)
        {
            return FairnessBatch.Zero(gradient, rows);
        }

        double n0 = count0, n1 = count1;
        double within0 = 0.0, within1 = 0.0, between = 0.0;

        // All ordered pairs, the row's own group and the other kept apart: the kernel sums stay integers when every
        // score is equal, so MMD² is then exactly 0, and each row's gradient is finished without a per-row buffer.
        for (var i = 0; i < rows; i++)
        {
            var pi = TaskLoss.Sigmoid(logits[i]);
            var group = groups[i];
            double same = 0.0, other = 0.0, sameSlope = 0.0, otherSlope = 0.0;
            for (var j = 0; j < rows; j++)
            {
                var difference = pi - TaskLoss.Sigmoid(logits[j]);
                var kernel = Math.Exp(-difference * difference * _inverseTwoVariance);
                if (groups[j] == group)
                {
                    same += kernel;
                    sameSlope -= difference * kernel;
                }
                else
                {
                    other += kernel;
                    otherSlope -= difference * kernel;
                }
            }

            if (group == 0)
            {
                within0 += same;
            }
            else
            {
                within1 += same;
            }

            between += other;
            if (!gradient.IsEmpty)
            {
                var ownCount = group == 0 ? n0 : n1;
                var dp = 2.0 * _inverseVariance * ((sameSlope / (ownCount * ownCount)) - (otherSlope / (n0 * n1)));
                gradient[i] = (float)(dp * FairnessBatch.SigmoidDerivative(logits[i]));
            }
        }

        // Each cross pair was visited from both ends.
        return (within0 / (n0 * n0)) + (within1 / (n1 * n1)) - (between / (n0 * n1));
    }
}
