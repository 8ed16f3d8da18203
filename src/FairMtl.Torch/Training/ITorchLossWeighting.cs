using static TorchSharp.torch;

namespace FairMtl.Torch.Training;

/// <summary>
/// A loss weighting written as torch operations: the experiment's loss expression over the heads' loss tensors, so that
/// torch's autograd differentiates the weighting itself (not only the losses under it). The source generator implements
/// it on the model of a compiled experiment whose loss expression has a tensor form; <see cref="TorchStep"/> trains with
/// it when the objective is that experiment's <see cref="FairMtl.Objectives.WeightedLoss"/>.
/// </summary>
public interface ITorchLossWeighting
{
    /// <summary>The weighted total loss, a scalar tensor connected to <paramref name="losses"/>' graphs.</summary>
    /// <param name="losses">One scalar loss tensor per head, in the spec's head order.</param>
    /// <param name="variables">One value per sweep variable, in the spec's variable order.</param>
    Tensor Combine(IReadOnlyList<Tensor> losses, IReadOnlyList<double> variables);
}
