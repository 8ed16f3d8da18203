using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Objectives;
using FairMtl.Training;

namespace FairMtl.Comparisons;

/// <summary>The tasks' logits on a data part, each row scored by the head the method assigns to it.</summary>
public static class TaskScores
{
    /// <summary>result[task][row]: the logit of the task's scoring head for the row.</summary>
    public static float[][] Logits(MultiHeadNetwork network, MethodNetwork method, DataPart part, int taskCount)
    {
        var outputs = Predictor.Predict(network, part);
        var logits = new float[taskCount][];
        for (var t = 0; t < taskCount; t++)
        {
            var heads = method.ScoringHeads(part, t, taskCount);
            logits[t] = new float[part.Rows];
            for (var r = 0; r < part.Rows; r++)
            {
                logits[t][r] = outputs[heads[r]][r];
            }
        }

        return logits;
    }
}

/// <summary>Best-epoch selection: the mean over tasks of the validation cross-entropy of the scoring heads.</summary>
public sealed class TaskValidationLoss(MethodNetwork method, DataPart validation, IReadOnlyList<string> tasks) : IValidationLoss
{
    public string Description => "validation loss of the tasks";

    public double Compute(MultiHeadNetwork network)
    {
        var logits = TaskScores.Logits(network, method, validation, tasks.Count);
        var sum = 0.0;
        for (var t = 0; t < tasks.Count; t++)
        {
            sum += TaskLoss.Compute(Spec.HeadTask.Binary, logits[t], validation.Targets[tasks[t]], Span<float>.Empty, validation.Rows);
        }

        return sum / tasks.Count;
    }
}
