using FairMtl.Objectives.Fairness;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// The routed objectives' loss terms (<see cref="ILossTerm"/>) as torch operations in double precision: a head's task
/// loss over its labelled entries (<see cref="HeadTaskTerm"/>), a group-specific head's cross-entropy over its group's
/// rows (<see cref="GroupTaskTerm"/>), and a fairness loss on the rows of a term's subset whose group is known
/// (<see cref="FairnessTerm"/>). Each is the native term's definition, differentiated by torch.
/// </summary>
public static class TorchLossTerms
{
    /// <summary>The value of <paramref name="term"/> on head <paramref name="head"/>'s <paramref name="outputs"/>
    /// ([rows x the head's outputs], float32), a float64 scalar.</summary>
    public static Tensor Compute(ILossTerm term, Tensor outputs, TorchBatch batch, int head) => term switch
    {
        HeadTaskTerm task => LabelledTaskLoss(task.Task, task.Loss, task.Classes, outputs, batch, head, task.Summed),
        GroupTaskTerm group => GroupCrossEntropy(outputs, batch, head, group.Attribute, group.Group),
        FairnessTerm fairness => Fairness(fairness.Loss, fairness.Attribute, fairness.Subset, fairness.OtherHeads, outputs, batch, head, fairness.Summed),
        _ => throw new NotSupportedException($"The torch engine has no form of the loss term {term.GetType().Name} ({term.Name})."),
    };

    /// <summary>The mean task loss over the labelled entries (a NaN target is a missing label; none labelled: 0):
    /// squared or absolute error, binary cross-entropy on the logit, softmax cross-entropy, a binary cross-entropy per
    /// label; with <paramref name="summed"/>, their sum over the labelled entries instead.</summary>
    public static Tensor LabelledTaskLoss(HeadTask task, RegressionLoss loss, int classes, Tensor outputs, TorchBatch batch, int head, bool summed = false)
    {
        var values = batch.TargetValues(head);
        var mask = new double[values.Length];
        var safe = new float[values.Length];
        var labelled = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsNaN(values[i]))
            {
                mask[i] = 1d;
                safe[i] = values[i];
                labelled++;
            }
        }

        var x = outputs.to_type(ScalarType.Float64);
        var targets = tensor(safe, ScalarType.Float32).to_type(ScalarType.Float64).reshape(batch.Rows, -1);
        var entries = task switch
        {
            HeadTask.Regression when loss == RegressionLoss.Mae => TorchScalars.Difference(x, targets).abs(),
            HeadTask.Regression => TorchScalars.Difference(x, targets).square(),
            HeadTask.Binary or HeadTask.MultiLabel => nn.functional.binary_cross_entropy_with_logits(x, targets, reduction: nn.Reduction.None),
            HeadTask.MultiClass => nn.functional.cross_entropy(
                x.reshape(batch.Rows, classes), targets.reshape(-1).to_type(ScalarType.Int64), reduction: nn.Reduction.None).reshape(-1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(task), task, null),
        };
        var weights = tensor(mask, ScalarType.Float64).reshape(entries.shape);
        var sum = entries.mul(weights).sum();
        return summed ? sum : sum.div(TorchScalars.Of(labelled == 0 ? 1d : labelled));
    }

    /// <summary>A group-specific head's loss (<see cref="GroupTaskTerm"/>): the mean binary cross-entropy of head
    /// <paramref name="head"/>'s <paramref name="outputs"/> over the batch rows whose group of
    /// <paramref name="attribute"/> is <paramref name="group"/> (none: 0), a float64 scalar.</summary>
    public static Tensor GroupCrossEntropy(Tensor outputs, TorchBatch batch, int head, string attribute, int group)
    {
        var groups = batch.Groups(attribute);
        var mask = new double[batch.Rows];
        var count = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (groups[i] == group)
            {
                mask[i] = 1d;
                count++;
            }
        }

        var x = outputs.to_type(ScalarType.Float64).reshape(-1);
        var targets = batch.Targets(head).to_type(ScalarType.Float64).reshape(-1);
        var entropies = nn.functional.binary_cross_entropy_with_logits(x, targets, reduction: nn.Reduction.None);
        return entropies.mul(tensor(mask, ScalarType.Float64)).sum().div(TorchScalars.Of(count == 0 ? 1d : count));
    }

    /// <summary>A fairness term's loss (<see cref="FairnessTerm"/> of these settings): <paramref name="loss"/> of head
    /// <paramref name="head"/>'s <paramref name="outputs"/> against its targets and the groups of
    /// <paramref name="attribute"/>, on the batch rows of <paramref name="subset"/> whose group is known
    /// (<see cref="FairnessTerm.Includes(FairMtl.Training.TrainingBatch, string, RowSubset, IReadOnlyList{int}, int, int)"/>),
    /// gathered in row order; a float64 scalar.</summary>
    /// <param name="loss">The fairness loss and its settings.</param>
    /// <param name="attribute">The sensitive attribute whose groups it compares.</param>
    /// <param name="subset">Which rows it looks at.</param>
    /// <param name="otherHeads">For the exclusive subsets: the heads of the other tasks.</param>
    /// <param name="outputs">The head's outputs [rows x 1], float32.</param>
    /// <param name="batch">The batch.</param>
    /// <param name="head">The head.</param>
    /// <param name="summed">The loss times the number of rows it is computed on (<see cref="Spec.LossReduction.Sum"/>).</param>
    public static Tensor Fairness(
        FairnessLossDefinition loss,
        string attribute,
        RowSubset subset,
        IReadOnlyList<int> otherHeads,
        Tensor outputs,
        TorchBatch batch,
        int head,
        bool summed = false)
    {
        var rows = new List<long>(batch.Rows);
        for (var i = 0; i < batch.Rows; i++)
        {
            if (FairnessTerm.Includes(batch.Native, attribute, subset, otherHeads, head, i))
            {
                rows.Add(i);
            }
        }

        var allTargets = batch.TargetValues(head);
        var allGroups = batch.Groups(attribute);
        var targets = new float[rows.Count];
        var groups = new int[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            targets[k] = allTargets[(int)rows[k]];
            groups[k] = allGroups[(int)rows[k]];
        }

        var logits = outputs.to_type(ScalarType.Float64).reshape(-1).index_select(0, tensor(rows.ToArray(), ScalarType.Int64));
        var value = TorchFairnessLosses.Compute(loss, logits, targets, groups);
        return summed ? value.mul(TorchScalars.Of((double)rows.Count)) : value;
    }
}
