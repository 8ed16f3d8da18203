namespace FairMtl.Objectives.Fairness;

/// <summary>
/// A fairness penalty on one batch of a binary head's logits, with its exact gradient. Groups absent from the batch
/// take no part; with fewer than two present groups the loss is 0 with zero gradient. Implementations keep per-group
/// scratch, so an instance is not thread-safe: use one per trainer.
/// </summary>
public interface IBatchFairnessLoss
{
    /// <summary>
    /// The value of the loss on the first <paramref name="rows"/> rows. Unless <paramref name="gradient"/> is empty,
    /// overwrites its first <paramref name="rows"/> elements with d(loss)/d(logit i), 0 for rows that do not
    /// contribute. Sums run in row order in double precision.
    /// </summary>
    /// <param name="logits">The binary head's outputs; p_i = sigmoid(logit_i).</param>
    /// <param name="targets">0 or 1 per row.</param>
    /// <param name="groups">Each row's group index, from 0 to the group count given to the constructor, exclusive.</param>
    /// <param name="rows">The batch size; every span holds at least this many elements (unless the gradient is empty).</param>
    /// <param name="gradient">Receives d(loss)/d(logit i); empty to compute the value only.</param>
    double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient);
}
