using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Training;

namespace FairMtl.Comparisons;

/// <summary>The tasks' logits on a data part, each row scored by the head the method assigns to it.</summary>
public static class TaskScores
{
    /// <summary>result[task][row]: the logit of the task's scoring head for the row (arrays of the unit: see
    /// <see cref="UnitBuffers"/>).</summary>
    public static float[][] Logits(MultiHeadNetwork network, MethodNetwork method, DataPart part, int taskCount)
    {
        var outputs = Predictor.Predict(network, part);
        var logits = new float[taskCount][];
        for (var t = 0; t < taskCount; t++)
        {
            var heads = method.ScoringHeads(part, t, taskCount);
            logits[t] = UnitBuffers.Rent<float>(part.Rows);
            for (var r = 0; r < part.Rows; r++)
            {
                logits[t][r] = outputs[heads[r]][r];
            }
        }

        return logits;
    }
}

/// <summary>
/// Best-epoch selection: the mean over tasks of the validation cross-entropy of the scoring heads. Computed every
/// epoch, into buffers made once (the heads' predictions, each task's logits and scoring heads), so that training
/// allocates nothing.
/// </summary>
public sealed class TaskValidationLoss : IValidationLoss
{
    private readonly DataPart _validation;
    private readonly IReadOnlyList<string> _tasks;
    private readonly int[][] _scoringHeads;
    private readonly float[][] _logits;
    private readonly float[][] _predictions;

    public TaskValidationLoss(MethodNetwork method, DataPart validation, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(tasks);
        _validation = validation;
        _tasks = tasks;
        _scoringHeads = Enumerable.Range(0, tasks.Count).Select(t => method.ScoringHeads(validation, t, tasks.Count)).ToArray();
        _logits = tasks.Select(_ => UnitBuffers.Rent<float>(validation.Rows)).ToArray();
        _predictions = method.Heads.Select(_ => UnitBuffers.Rent<float>(validation.Rows)).ToArray();
    }

    public string Description => "validation loss of the tasks";

    public double Compute(MultiHeadNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var outputs = Predictor.Predict(network, _validation, _predictions);
        var sum = 0.0;
        for (var t = 0; t < _tasks.Count; t++)
        {
            var heads = _scoringHeads[t];
            var logits = _logits[t];
            for (var r = 0; r < logits.Length; r++)
            {
                logits[r] = outputs[heads[r]][r];
            }

            sum += TaskLoss.Compute(Spec.HeadTask.Binary, logits, _validation.Targets[_tasks[t]], Span<float>.Empty, _validation.Rows);
        }

        return sum / _tasks.Count;
    }
}
