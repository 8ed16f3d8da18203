using FairMtl.Nn;

namespace FairMtl.Training;

/// <summary>
/// An objective whose parameter gradient is not one backward pass of the output gradients it wrote (for instance two
/// objectives' gradients combined per parameter block): after <see cref="IBatchObjective.Evaluate"/> the trainer calls
/// <see cref="Backward"/> instead of the network's backward pass, and the optimiser then uses whatever gradients the
/// parameters hold.
/// </summary>
public interface IMultiPassObjective : IBatchObjective
{
    /// <summary>Whether the last batch needs the objective's own backward passes (else the trainer's single pass).</summary>
    bool OwnsBackward { get; }

    /// <summary>Runs the backward passes for the last forward pass and leaves the parameters' gradients to apply.</summary>
    void Backward(MultiHeadNetwork network, ReadOnlySpan<float> input, int rows);
}
