using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Objectives.Routing;

/// <summary>The mean binary cross-entropy of a head's logits against the head's targets.</summary>
public sealed class BinaryTaskTerm : ILossTerm
{
    public string Name => "binary cross-entropy";

    public double Compute(ReadOnlySpan<float> outputs, TrainingBatch batch, int head, Span<float> gradient) =>
        TaskLoss.Compute(HeadTask.Binary, outputs, batch.Targets[head], gradient, batch.Rows);
}
