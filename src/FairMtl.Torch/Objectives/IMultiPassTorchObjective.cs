using FairMtl.Nn;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// A torch objective whose gradient on some batches is not one backward pass but several, combined per parameter block
/// by its native objective (FairMT's min-norm combination of the utility's and the constraint's gradients): torch
/// back-propagates each pass's parts, the parameter gradients go to the native parameters, and
/// <see cref="AfterPass"/> combines them there as on the native engine.
/// </summary>
public interface IMultiPassTorchObjective : ITorchObjective
{
    /// <summary>The last <see cref="ITorchObjective.Evaluate"/>'s backward passes, in order; empty: the one pass of the
    /// parts it returned.</summary>
    IReadOnlyList<TorchObjectiveParts> Passes { get; }

    /// <summary>Pass <paramref name="index"/> has written <paramref name="parameters"/>' gradients (the native
    /// network's); after the last pass they hold the gradients to apply.</summary>
    void AfterPass(int index, IReadOnlyList<Parameter> parameters);
}
