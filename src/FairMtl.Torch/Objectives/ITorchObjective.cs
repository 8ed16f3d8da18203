using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// A training objective written in torch operations on the heads' outputs, so that torch's autograd differentiates it:
/// the engine back-propagates <see cref="TorchObjectiveParts.Heads"/> into the heads' parameters and
/// <see cref="TorchObjectiveParts.Trunk"/> through the heads into the trunk.
/// </summary>
public interface ITorchObjective
{
    /// <summary>The objective on one batch.</summary>
    /// <param name="outputs">Each head's outputs [rows x the head's outputs], computed from the trunk's output detached
    /// from the trunk (the engine carries the trunk part's gradient on).</param>
    /// <param name="batch">The batch's targets and groups.</param>
    TorchObjectiveParts Evaluate(IReadOnlyList<Tensor> outputs, TorchBatch batch);

    /// <summary>Whether <see cref="Evaluate"/> has the native objective evaluate the batch itself (a stateful objective:
    /// its state moves on once per batch, and its description of a value that is not finite is the batch's): the engine
    /// must not evaluate it again. False unless an objective says otherwise (the routed objectives, generated ones
    /// included, are stateless).</summary>
    bool EvaluatesNative => false;
}

/// <summary>What an objective gives the engine for one batch.</summary>
/// <param name="Value">The objective's value as the native objective reports it (the trainer's divergence checks read
/// it; NaN or infinite: the step is not taken).</param>
/// <param name="Heads">The scalar whose gradient the heads' parameters receive.</param>
/// <param name="Trunk">The scalar whose gradient with respect to the trunk's output the trunk receives; null: none (the
/// trunk's parameters get zero gradients).</param>
public readonly record struct TorchObjectiveParts(double Value, Tensor Heads, Tensor? Trunk);
