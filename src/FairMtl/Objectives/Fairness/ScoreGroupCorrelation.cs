namespace FairMtl.Objectives.Fairness;

/// <summary>
/// The absolute Pearson correlation between the scores p_i and the group indicator a_i (0 or 1) over the batch rows,
/// |cov(p, a)| / (sd(p) sd(a)) with population moments (MTA-F, Wang et al., KDD 2021). With n_g rows in group g,
/// n = n_0 + n_1, q = n_1 / n and s_g the mean of p over group g, cov(p, a) = q (1 - q) (s_1 - s_0) and
/// sd(a) = sqrt(q (1 - q)), so the loss is |r| with r = sqrt(q (1 - q)) (s_1 - s_0) / sd(p). The gradient is
/// d|r|/d(logit i) = sign(r) p_i (1 - p_i) sqrt(q (1 - q)) / sd(p) [a_i / n_1 - (1 - a_i) / n_0 - (s_1 - s_0) (p_i - m) / (n var(p))]
/// with m the mean of p and sign(0) = 0. Defined for two groups only; targets are ignored, so the caller passes the
/// rows of interest (e.g. one task's negatives). With fewer than two groups present, or all scores equal (sd(p) = 0),
/// the loss is 0 with zero gradient.
/// </summary>
public sealed class ScoreGroupCorrelation : IBatchFairnessLoss
{
    /// <param name="groupCount">The number of groups; must be 2.</param>
    public ScoreGroupCorrelation(int groupCount)
    {
        if (groupCount != 2)
        {
            throw new ArgumentOutOfRangeException(nameof(groupCount), groupCount, "The score-group correlation is defined for two groups.");
        }
    }

    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient)
    {
        FairnessBatch.Check(logits, targets, groups, rows, gradient);
        int count0 = 0, count1 = 0;
        double sum0 = 0.0, sum1 = 0.0;
        var allEqual = true;
        var first = rows > 0 ? TaskLoss.Sigmoid(logits[0]) : 0.0;
        for (var i = 0; i < rows; i++)
        {
            var p = TaskLoss.Sigmoid(logits[i]);
            allEqual &= p == first;
            if (FairnessBatch.Group(groups, i, 2) == 0)
            {
                sum0 += p;
                count0++;
            }
            else
            {
                sum1 += p;
                count1++;
            }
        }

        // Tested on the scores themselves: the rounded mean of equal scores need not equal them, leaving a tiny variance.
        if (count0 == 0 || count1 == 0 || allEqual)
        {
            return FairnessBatch.Zero(gradient, rows);
        }

        double n = rows;
        var mean = (sum0 + sum1) / n;
        var variance = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var deviation = TaskLoss.Sigmoid(logits[i]) - mean;
            variance += deviation * deviation;
        }

        variance /= n;
        var sd = Math.Sqrt(variance);
        var gap = (sum1 / count1) - (sum0 / count0);
        var q = count1 / n;
        var sdA = Math.Sqrt(q * (1.0 - q));
        var r = sdA * gap / sd;
        if (!gradient.IsEmpty)
        {
            var scale = Math.Sign(r) * sdA / sd;
            for (var i = 0; i < rows; i++)
            {
                double logit = logits[i];
                var membership = groups[i] == 1 ? 1.0 / count1 : -1.0 / count0;
                var dr = scale * (membership - (gap * (TaskLoss.Sigmoid(logit) - mean) / (n * variance)));
                gradient[i] = (float)(dr * FairnessBatch.SigmoidDerivative(logit));
            }
        }

        return Math.Abs(r);
    }
}
