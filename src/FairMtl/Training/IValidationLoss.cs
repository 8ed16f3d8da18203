using FairMtl.Nn;

namespace FairMtl.Training;

/// <summary>The loss on the validation part that early stopping and best-epoch selection watch.</summary>
public interface IValidationLoss
{
    /// <summary>What is watched, for messages, e.g. <c>validation loss of head 'y'</c>.</summary>
    string Description { get; }

    /// <summary>The loss of the network as it is now (evaluation mode).</summary>
    double Compute(MultiHeadNetwork network);
}

/// <summary>Which epoch's weights a run keeps: early stopping on a validation loss, optionally restoring the best.</summary>
/// <param name="Loss">The watched loss.</param>
/// <param name="Patience">Epochs without improvement before stopping.</param>
/// <param name="MinDelta">The smallest decrease that counts as an improvement.</param>
/// <param name="RestoreBest">Restore the weights of the best epoch at the end.</param>
public sealed record EpochSelection(IValidationLoss Loss, int Patience, double MinDelta, bool RestoreBest);
