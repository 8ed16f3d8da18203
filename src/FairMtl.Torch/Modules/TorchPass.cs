using static TorchSharp.torch;

namespace FairMtl.Torch.Modules;

/// <summary>One forward pass's mode: training (batch statistics, dropout masks drawn from <see cref="Dropout"/>) or
/// evaluation (moving statistics, no dropout).</summary>
/// <param name="Training">Whether the pass trains.</param>
/// <param name="Dropout">The unit's seeded generator of dropout masks (null: no dropout).</param>
public sealed record TorchPass(bool Training, Generator? Dropout)
{
    /// <summary>An evaluation pass.</summary>
    public static readonly TorchPass Evaluation = new(false, null);
}
