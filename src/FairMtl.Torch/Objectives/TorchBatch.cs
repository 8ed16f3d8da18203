using FairMtl.Spec;
using FairMtl.Training;
using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// The current mini-batch as a torch objective sees it: the native batch (targets and groups, read on the host to pick
/// rows and groups) and each head's targets as a tensor, made once per step on first use.
/// </summary>
public sealed class TorchBatch
{
    private readonly IReadOnlyList<HeadSpec> _heads;
    private readonly Tensor?[] _targets;

    /// <param name="batch">The native batch of this step.</param>
    /// <param name="heads">The network's heads, in order (their target widths).</param>
    public TorchBatch(TrainingBatch batch, IReadOnlyList<HeadSpec> heads)
    {
        Native = batch;
        _heads = heads;
        _targets = new Tensor?[heads.Count];
    }

    /// <summary>The native batch.</summary>
    public TrainingBatch Native { get; }

    /// <summary>Rows in the batch.</summary>
    public int Rows => Native.Rows;

    /// <summary>Head <paramref name="head"/>'s targets of the batch rows (NaN: a missing label).</summary>
    public ReadOnlySpan<float> TargetValues(int head) => Native.Targets[head].AsSpan(0, Rows * _heads[head].TargetWidth);

    /// <summary>Each batch row's group of <paramref name="attribute"/> (-1: unknown).</summary>
    public ReadOnlySpan<int> Groups(string attribute) => Native.Groups[attribute].AsSpan(0, Rows);

    /// <summary>Head <paramref name="head"/>'s targets, [rows x the head's target width], float32.</summary>
    public Tensor Targets(int head) =>
        _targets[head] ??= tensor(TargetValues(head).ToArray(), [Rows, _heads[head].TargetWidth]);
}
