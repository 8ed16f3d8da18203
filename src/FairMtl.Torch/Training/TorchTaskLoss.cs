using FairMtl.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace FairMtl.Torch.Training;

/// <summary>
/// A head's task loss written with torch operations, so that torch's autograd (not the native engine's hand-written
/// derivatives) gives its gradient: MSE for regression heads, binary cross-entropy on logits for binary ones, softmax
/// cross-entropy for multi-class heads and a binary cross-entropy per label for multi-label ones: for regression and
/// binary heads the mean over the rows (as <see cref="FairMtl.Objectives.TaskLoss"/>), for the others the mean over the
/// labelled entries (a NaN target is a missing label) as <see cref="FairMtl.Objectives.MaskedTaskLoss"/> defines it.
/// </summary>
public static class TorchTaskLoss
{
    /// <summary>The loss of <paramref name="outputs"/> ([rows x the head's outputs]) against <paramref name="targets"/>
    /// ([rows x the head's target width]).</summary>
    public static Tensor Compute(HeadSpec head, Tensor outputs, Tensor targets)
    {
        switch (head.Task)
        {
            // Every row labelled (TaskLoss's rule for these heads): the plain means.
            case HeadTask.Regression:
                return nn.functional.mse_loss(outputs, targets);
            case HeadTask.Binary:
                return nn.functional.binary_cross_entropy_with_logits(outputs, targets);
        }

        var labelled = targets.isnan().logical_not();
        var count = labelled.sum().to_type(ScalarType.Float32).clamp_min(Modules.TorchScalars.Of(1f));
        var safeTargets = where(labelled, targets, zeros_like(targets));
        var mask = labelled.to_type(ScalarType.Float32);
        Tensor perEntry;
        switch (head.Task)
        {
            case HeadTask.MultiLabel:
                perEntry = nn.functional.binary_cross_entropy_with_logits(outputs, safeTargets, reduction: nn.Reduction.None);
                break;
            case HeadTask.MultiClass:
                var classes = safeTargets.reshape(-1).to_type(ScalarType.Int64);
                perEntry = nn.functional.cross_entropy(outputs, classes, reduction: nn.Reduction.None).reshape(-1, 1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(head), head.Task, null);
        }

        return perEntry.mul(mask).sum().div(count);
    }
}
