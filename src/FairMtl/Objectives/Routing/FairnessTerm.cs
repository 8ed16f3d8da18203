using FairMtl.Objectives.Fairness;
using FairMtl.Training;

namespace FairMtl.Objectives.Routing;

/// <summary>A batch fairness loss of a head's logits against its targets and one attribute's groups.</summary>
public sealed class FairnessTerm(IBatchFairnessLoss loss, string lossName, string attribute) : ILossTerm
{
    public string Name => $"{lossName} on '{attribute}'";

    public double Compute(ReadOnlySpan<float> outputs, TrainingBatch batch, int head, Span<float> gradient) =>
        loss.Compute(outputs, batch.Targets[head], batch.Groups[attribute], batch.Rows, gradient);
}
