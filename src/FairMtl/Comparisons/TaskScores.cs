using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Training;

namespace FairMtl.Comparisons;

/// <summary>The tasks' logits on a data part, each row scored by the head the method assigns to it.</summary>
public static class TaskScores
{
    /// <summary>
    /// result[task]: the raw outputs (logits) of the task's scoring head for each row, row-major with the scoring heads'
    /// <see cref="OutputHead.Outputs"/> per row (one logit per row for binary heads, so result[task][row]), in arrays of
    /// the unit (see <see cref="UnitBuffers"/>).
    /// </summary>
    public static float[][] Logits(MultiHeadNetwork network, MethodNetwork method, DataPart part, int taskCount)
    {
        var outputs = Predictor.Predict(network, part);
        var logits = new float[taskCount][];
        for (var t = 0; t < taskCount; t++)
        {
            var heads = method.ScoringHeads(part, t, taskCount);
            logits[t] = UnitBuffers.Rent<float>(part.Rows * Width(network, heads, part.Rows));
            Gather(network, outputs, heads, logits[t], part.Rows);
        }

        return logits;
    }

    /// <summary>Copies row r's outputs of head <paramref name="heads"/>[r] into <paramref name="target"/> (row-major).</summary>
    internal static void Gather(MultiHeadNetwork network, float[][] outputs, int[] heads, float[] target, int rows)
    {
        for (var r = 0; r < rows; r++)
        {
            var width = network.Heads[heads[r]].Outputs;
            outputs[heads[r]].AsSpan(r * width, width).CopyTo(target.AsSpan(r * width, width));
        }
    }

    /// <summary>The output width the scoring heads share.</summary>
    private static int Width(MultiHeadNetwork network, int[] heads, int rows)
    {
        var width = rows == 0 ? 1 : network.Heads[heads[0]].Outputs;
        for (var r = 1; r < rows; r++)
        {
            if (network.Heads[heads[r]].Outputs != width)
            {
                throw new InvalidOperationException("A task's scoring heads differ in their number of outputs.");
            }
        }

        return width;
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
        if (method.Heads.Any(head => head.Outputs != 1))
        {
            throw new ArgumentException("The tasks' validation cross-entropy needs single-output (binary) heads.", nameof(method));
        }

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
            var logits = _logits[t];
            TaskScores.Gather(network, outputs, _scoringHeads[t], logits, logits.Length);
            sum += TaskLoss.Compute(Spec.HeadTask.Binary, logits, _validation.Targets[_tasks[t]], Span<float>.Empty, _validation.Rows);
        }

        return sum / _tasks.Count;
    }
}
