using FairMtl.Nn;

namespace FairMtl.Training;

/// <summary>
/// An objective whose parameter gradient is not one backward pass of the output gradients it wrote (for instance two
/// objectives' gradients combined per parameter block): after <see cref="IBatchObjective.Evaluate"/> the engine runs
/// the objective's <see cref="Passes"/> backward passes instead of its single one, calling <see cref="AfterPass"/> with
/// the parameters' gradients of each, and the optimiser then uses whatever gradients the parameters hold.
/// </summary>
public interface IMultiPassObjective : IBatchObjective
{
    /// <summary>Whether the last batch needs the objective's own backward passes (else the trainer's single pass).</summary>
    bool OwnsBackward { get; }

    /// <summary>The last batch's backward passes.</summary>
    int Passes { get; }

    /// <summary>Pass <paramref name="index"/>'s output gradients and routing, as <see cref="IBatchObjective.Evaluate"/>
    /// writes them for a single pass.</summary>
    BackwardPass Pass(int index);

    /// <summary>Pass <paramref name="index"/> has written <paramref name="parameters"/>' gradients (the native network's
    /// <see cref="MultiHeadNetwork.Parameters"/>, whichever engine ran it); after the last pass they must hold the
    /// gradients to apply.</summary>
    void AfterPass(int index, IReadOnlyList<Parameter> parameters);
}

/// <summary>One backward pass: per head, d(objective)/d(outputs) with the factors for the head's parameters and for the
/// trunk, and the gradient the head sends into the trunk when it differs (null: the same).</summary>
public readonly record struct BackwardPass(float[][] Gradients, float[] HeadScales, float[] TrunkScales, float[]?[]? TrunkGradients);
