using FairMtl.Objectives.Fairness;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// The batch fairness losses (<see cref="FairnessLossKind"/>) as torch operations in double precision, so torch's
/// autograd differentiates them: the same definitions as the native losses (<see cref="IBatchFairnessLoss"/> and its
/// implementations: which groups take part, the two-group and many-group forms, ties, the zero loss of a batch with
/// fewer than two present groups), written independently of their hand-derived gradients. Which groups are present and
/// which group has the highest or lowest mean are read from the batch on the host; every value is a tensor.
/// </summary>
public static class TorchFairnessLosses
{
    /// <summary>The loss <paramref name="loss"/> of the rows given.</summary>
    /// <param name="loss">Which loss, with its settings.</param>
    /// <param name="logits">The binary head's outputs of the rows, [rows], float64.</param>
    /// <param name="targets">Each row's 0/1 target.</param>
    /// <param name="groups">Each row's group, from 0 to the loss's group count, exclusive.</param>
    public static Tensor Compute(FairnessLossDefinition loss, Tensor logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups)
    {
        ArgumentNullException.ThrowIfNull(loss);
        foreach (var group in groups)
        {
            if ((uint)group >= (uint)loss.GroupCount)
            {
                throw new ArgumentOutOfRangeException(nameof(groups), group, $"the loss has {loss.GroupCount} groups");
            }
        }

        return loss.Kind switch
        {
            FairnessLossKind.Glf => GroupLossFairness(GroupLosses(logits, targets, groups, loss.GroupCount), logits),
            FairnessLossKind.Gld => GroupLossDivergence(GroupLosses(logits, targets, groups, loss.GroupCount), logits),
            FairnessLossKind.Bgl => BoundedGroupLoss(GroupLosses(logits, targets, groups, loss.GroupCount), loss.Epsilon, logits),
            FairnessLossKind.Dpl => MeanProbabilityGap(logits, targets, groups, loss.GroupCount, positive: null),
            FairnessLossKind.Fprl => MeanProbabilityGap(logits, targets, groups, loss.GroupCount, positive: false),
            FairnessLossKind.Tprl => MeanProbabilityGap(logits, targets, groups, loss.GroupCount, positive: true),
            FairnessLossKind.Corr => Correlation(logits, groups),
            FairnessLossKind.Mmd => MaximumMeanDiscrepancy(logits, groups, loss.Bandwidth),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss.Kind, null),
        };
    }

    /// <summary>0, with a zero gradient for every row.</summary>
    private static Tensor Zero(Tensor logits) => logits.sum().mul(TorchScalars.Of(0d));

    /// <summary>1 for the rows in <paramref name="groups"/> equal to <paramref name="group"/> (and selected), else 0, float64.</summary>
    private static Tensor Indicator(ReadOnlySpan<int> groups, int group, ReadOnlySpan<bool> selected, out int count)
    {
        var values = new double[groups.Length];
        count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (groups[i] == group && (selected.IsEmpty || selected[i]))
            {
                values[i] = 1d;
                count++;
            }
        }

        return tensor(values, ScalarType.Float64);
    }

    /// <summary>L_g, the mean binary cross-entropy over the rows of group g, for every group with a row, in ascending
    /// group order.</summary>
    private static List<Tensor> GroupLosses(Tensor logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int groupCount)
    {
        var entropies = nn.functional.binary_cross_entropy_with_logits(
            logits, tensor(targets.ToArray(), ScalarType.Float32).to_type(ScalarType.Float64), reduction: nn.Reduction.None);
        var losses = new List<Tensor>();
        for (var group = 0; group < groupCount; group++)
        {
            var indicator = Indicator(groups, group, [], out var count);
            if (count > 0)
            {
                losses.Add(entropies.mul(indicator).sum().div(TorchScalars.Of((double)count)));
            }
        }

        return losses;
    }

    /// <summary>GLF: |L_a - L_b| for two present groups, else one minus Jain's index 1 - (sum L)^2 / (G' sum L^2)
    /// (0 when every loss is exactly 0).</summary>
    private static Tensor GroupLossFairness(List<Tensor> losses, Tensor logits)
    {
        if (losses.Count < 2)
        {
            return Zero(logits);
        }

        if (losses.Count == 2)
        {
            return TorchScalars.Difference(losses[0], losses[1]).abs();
        }

        var stacked = stack(losses);
        var squares = stacked.square().sum();
        if (squares.item<double>() == 0d)
        {
            return Zero(logits);
        }

        var sum = stacked.sum();
        return TorchScalars.Difference(TorchScalars.Of(1d), sum.square().div(squares.mul(TorchScalars.Of((double)losses.Count))));
    }

    /// <summary>GLD: exp(KL(P || U)) - 1 with P = softmax(-L) over the present groups.</summary>
    private static Tensor GroupLossDivergence(List<Tensor> losses, Tensor logits)
    {
        if (losses.Count < 2)
        {
            return Zero(logits);
        }

        var logProbabilities = stack(losses).negative().log_softmax(0);
        var divergence = logProbabilities.exp().mul(TorchScalars.Sum(logProbabilities, TorchScalars.Of(Math.Log(losses.Count)))).sum();
        return TorchScalars.Difference(divergence.exp(), TorchScalars.Of(1d));
    }

    /// <summary>BGL: sum over the present groups of max(0, L_g - epsilon).</summary>
    private static Tensor BoundedGroupLoss(List<Tensor> losses, double epsilon, Tensor logits) =>
        losses.Count < 2 ? Zero(logits) : TorchScalars.Difference(stack(losses), TorchScalars.Of(epsilon)).relu().sum();

    /// <summary>DPL, FPRL, TPRL: max_g s_g - min_g s_g over the groups' mean probabilities s_g (over every row, or the
    /// negative or positive rows only), the argmax and argmin groups the first of equal means.</summary>
    private static Tensor MeanProbabilityGap(Tensor logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int groupCount, bool? positive)
    {
        var selected = new bool[groups.Length];
        for (var i = 0; i < selected.Length; i++)
        {
            selected[i] = positive is not { } side || (targets[i] >= 0.5f) == side;
        }

        var probabilities = logits.sigmoid();
        Tensor? highest = null, lowest = null;
        double highestValue = 0d, lowestValue = 0d;
        var present = 0;
        for (var group = 0; group < groupCount; group++)
        {
            var indicator = Indicator(groups, group, selected, out var count);
            if (count == 0)
            {
                continue;
            }

            present++;
            var mean = probabilities.mul(indicator).sum().div(TorchScalars.Of((double)count));
            var value = mean.item<double>();
            if (highest is null || value > highestValue)
            {
                (highest, highestValue) = (mean, value);
            }

            if (lowest is null || value < lowestValue)
            {
                (lowest, lowestValue) = (mean, value);
            }
        }

        return present < 2 ? Zero(logits) : TorchScalars.Difference(highest!, lowest!);
    }

    /// <summary>|r|, the Pearson correlation of the scores with the group indicator (population moments); 0 when a group
    /// is absent or every score is equal.</summary>
    private static Tensor Correlation(Tensor logits, ReadOnlySpan<int> groups)
    {
        var member = Indicator(groups, 1, [], out var count1);
        var count0 = groups.Length - count1;
        var probabilities = logits.sigmoid();
        if (count0 == 0 || count1 == 0 || probabilities.max().item<double>() == probabilities.min().item<double>())
        {
            return Zero(logits);
        }

        double n = groups.Length;
        var others = TorchScalars.Difference(TorchScalars.Of(1d), member);
        var gap = TorchScalars.Difference(
            probabilities.mul(member).sum().div(TorchScalars.Of((double)count1)),
            probabilities.mul(others).sum().div(TorchScalars.Of((double)count0)));
        var deviation = TorchScalars.Difference(probabilities, probabilities.mean());
        var sd = deviation.square().sum().div(TorchScalars.Of(n)).sqrt();
        var q = count1 / n;
        return gap.mul(TorchScalars.Of(Math.Sqrt(q * (1d - q)))).div(sd).abs();
    }

    /// <summary>The squared MMD between the two groups' scores with the Gaussian kernel of bandwidth sigma, the biased
    /// V-statistic over all pairs (a row with itself included).</summary>
    private static Tensor MaximumMeanDiscrepancy(Tensor logits, ReadOnlySpan<int> groups, double bandwidth)
    {
        var member = Indicator(groups, 1, [], out var count1);
        var count0 = groups.Length - count1;
        if (count0 == 0 || count1 == 0)
        {
            return Zero(logits);
        }

        var others = TorchScalars.Difference(TorchScalars.Of(1d), member);
        var probabilities = logits.sigmoid();
        var differences = TorchScalars.Difference(probabilities.unsqueeze(1), probabilities.unsqueeze(0));
        var kernel = differences.square().mul(TorchScalars.Of(-0.5 / (bandwidth * bandwidth))).exp();
        double n0 = count0, n1 = count1;
        var within0 = others.matmul(kernel).dot(others).div(TorchScalars.Of(n0 * n0));
        var within1 = member.matmul(kernel).dot(member).div(TorchScalars.Of(n1 * n1));
        var between = member.matmul(kernel).dot(others).mul(TorchScalars.Of(2d / (n0 * n1)));
        return TorchScalars.Difference(TorchScalars.Sum(within0, within1), between);
    }
}
