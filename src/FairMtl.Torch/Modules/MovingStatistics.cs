using static TorchSharp.torch;

namespace FairMtl.Torch.Modules;

/// <summary>The moving mean and variance of a batch-normalisation layer: model state, not trained by the optimiser.</summary>
public sealed record MovingStatistics(Tensor Mean, Tensor Variance);
