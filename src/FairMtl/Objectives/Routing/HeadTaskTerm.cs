using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Objectives.Routing;

/// <summary>
/// A head's task loss on the batch rows whose labels are known: <see cref="MaskedTaskLoss"/> of the head's outputs
/// against its targets (NaN: missing).
/// </summary>
/// <param name="task">The head's task.</param>
/// <param name="loss">The regression loss (regression heads only).</param>
/// <param name="classes">Classes of a multi-class head, labels of a multi-label head; else unused.</param>
/// <param name="summed">The sum over the labelled entries instead of the mean (<see cref="LossReduction.Sum"/>).</param>
public sealed class HeadTaskTerm(HeadTask task, RegressionLoss loss, int classes, bool summed = false) : ILossTerm
{
    public string Name => task switch
    {
        HeadTask.Regression => loss == RegressionLoss.Mae ? "mean absolute error" : "mean squared error",
        HeadTask.Binary => "binary cross-entropy",
        HeadTask.MultiClass => "softmax cross-entropy",
        _ => "multi-label binary cross-entropy",
    };

    /// <summary>The head's task.</summary>
    public HeadTask Task => task;

    /// <summary>The regression loss (regression heads only).</summary>
    public RegressionLoss Loss => loss;

    /// <summary>Classes of a multi-class head, labels of a multi-label head; else unused.</summary>
    public int Classes => classes;

    /// <summary>Whether the loss is the sum over the labelled entries instead of their mean.</summary>
    public bool Summed => summed;

    public double Compute(ReadOnlySpan<float> outputs, TrainingBatch batch, int head, Span<float> gradient)
    {
        var value = MaskedTaskLoss.Compute(task, loss, classes, outputs, batch.Targets[head], gradient, batch.Rows);
        return summed ? LossSums.Scale(value, MaskedTaskLoss.Labelled(task, classes, batch.Targets[head], batch.Rows), gradient, outputs.Length) : value;
    }
}
