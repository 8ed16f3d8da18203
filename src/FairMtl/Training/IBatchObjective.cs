using FairMtl.Nn;

namespace FairMtl.Training;

/// <summary>
/// The training objective of one mini-batch: after the forward pass it writes, per head, d(objective)/d(outputs)
/// and the factors that route that gradient to the head's own parameters and into the trunk.
/// </summary>
public interface IBatchObjective
{
    /// <summary>
    /// The objective's value (non-finite means the run diverged), with <paramref name="gradients"/>[h] (first
    /// <c>batch.Rows</c> times head h's <see cref="OutputHead.Outputs"/> entries, row-major),
    /// <paramref name="headScales"/>[h] and <paramref name="trunkScales"/>[h] filled, and
    /// <paramref name="trunkGradients"/>[h] set to the gradient head h sends into the trunk when it differs from the one
    /// its parameters receive (null otherwise).
    /// </summary>
    double Evaluate(
        MultiHeadNetwork network,
        TrainingBatch batch,
        float[][] gradients,
        Span<float> headScales,
        Span<float> trunkScales,
        float[]?[] trunkGradients);

    /// <summary>Names the term that made the last value non-finite, e.g. <c>loss of head 'y'</c>.</summary>
    string DescribeNonFinite();
}
