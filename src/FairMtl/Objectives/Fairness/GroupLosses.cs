namespace FairMtl.Objectives.Fairness;

/// <summary>
/// The group-specific losses L_g, the mean binary cross-entropy over the batch rows of group g, and the chain rule from
/// d(loss)/d(L_g) back to the logits. Shared by <see cref="GroupLossFairness"/>, <see cref="GroupLossDivergence"/> and
/// <see cref="BoundedGroupLoss"/>.
/// </summary>
internal sealed class GroupLosses
{
    private readonly double[] _losses;
    private readonly int[] _counts;
    private readonly int[] _present;
    private readonly double[] _factors;
    private int _presentCount;

    public GroupLosses(int groupCount)
    {
        FairnessBatch.CheckGroupCount(groupCount);
        _losses = new double[groupCount];
        _counts = new int[groupCount];
        _present = new int[groupCount];
        _factors = new double[groupCount];
    }

    public int GroupCount => _losses.Length;

    /// <summary>The groups with at least one row in the last batch, in ascending order.</summary>
    public ReadOnlySpan<int> Present => _present.AsSpan(0, _presentCount);

    /// <summary>L_g of the last batch; 0 for an absent group.</summary>
    public double Loss(int group) => _losses[group];

    /// <summary>L_g of the last batch for every group (0 for absent groups).</summary>
    public ReadOnlySpan<double> Losses => _losses;

    /// <summary>Computes L_g for every group of the batch (arguments already checked by the caller).</summary>
    public void Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows)
    {
        Array.Clear(_losses);
        Array.Clear(_counts);
        for (var i = 0; i < rows; i++)
        {
            var group = FairnessBatch.Group(groups, i, _losses.Length);
            double logit = logits[i];
            _losses[group] += Math.Max(logit, 0.0) - (logit * targets[i]) + Math.Log(1.0 + Math.Exp(-Math.Abs(logit)));
            _counts[group]++;
        }

        _presentCount = 0;
        for (var group = 0; group < _losses.Length; group++)
        {
            if (_counts[group] > 0)
            {
                _losses[group] /= _counts[group];
                _present[_presentCount++] = group;
            }
        }
    }

    /// <summary>
    /// Overwrites <paramref name="gradient"/> with d(loss)/d(logit i) = d(loss)/d(L_g) (p_i - t_i) / n_g for the group g
    /// of row i, given d(loss)/d(L_g) in <paramref name="lossGradient"/> for the present groups of the last
    /// <see cref="Compute"/>, which must have seen the same batch.
    /// </summary>
    public void Backward(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, ReadOnlySpan<double> lossGradient, Span<float> gradient)
    {
        foreach (var group in Present)
        {
            _factors[group] = lossGradient[group] / _counts[group];
        }

        for (var i = 0; i < rows; i++)
        {
            var group = groups[i];
            gradient[i] = (float)(_factors[group] * (TaskLoss.Sigmoid(logits[i]) - targets[i]));
        }
    }
}
