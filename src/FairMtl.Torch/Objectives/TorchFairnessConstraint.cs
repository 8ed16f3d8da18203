using FairMtl.Objectives.Constraints;
using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// A <see cref="FairnessConstraint"/>'s value F on a batch as torch operations: per constrained task its group harms
/// (<see cref="TorchGroupHarm"/>, from the constraint's running statistics as they stand, i.e. before the native
/// constraint has seen the batch), its violation (<see cref="TorchViolation"/>), and the aggregation of the scaled
/// violations (<see cref="TorchConstraintAggregation"/>).
/// </summary>
public static class TorchFairnessConstraint
{
    /// <summary>F of <paramref name="constraint"/> on the batch.</summary>
    /// <param name="constraint">The native constraint: its tasks, reference, aggregation and running statistics.</param>
    /// <param name="outputs">Every head's outputs, indexed by <see cref="ConstrainedTask.Head"/>.</param>
    /// <param name="batch">The batch's targets.</param>
    /// <param name="groups">Each row's group of the constraint's attribute (-1: unknown).</param>
    public static Tensor Compute(FairnessConstraint constraint, IReadOnlyList<Tensor> outputs, TorchBatch batch, ReadOnlySpan<int> groups)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        ArgumentNullException.ThrowIfNull(batch);
        var tasks = constraint.Tasks;
        var violations = new Tensor[tasks.Count];
        var scales = new double[tasks.Count];
        for (var t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            var harms = TorchGroupHarm.Compute(
                task, constraint.Groups, constraint.Smoothing, constraint.RunningSums(t), constraint.RunningCounts(t), outputs[task.Head], batch.TargetValues(task.Head), groups);
            violations[t] = TorchViolation.Compute(task, constraint.Reference, harms);
            scales[t] = task.Scale;
        }

        return TorchConstraintAggregation.Compute(constraint.Aggregation, violations, scales);
    }
}
