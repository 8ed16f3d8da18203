using FairMtl.Data;

namespace FairMtl.Comparisons;

/// <summary>One repetition's split: standardised parts whose targets are the tasks' labels and whose groups are the
/// sensitive attributes' groups.</summary>
/// <param name="Repetition">0-based repetition.</param>
/// <param name="Seed">The split and initialisation seed of the repetition.</param>
/// <param name="Train">Training rows.</param>
/// <param name="Validation">Validation rows (best-epoch selection).</param>
/// <param name="Test">Test rows (the reported metrics).</param>
public sealed record RepetitionData(int Repetition, int Seed, DataPart Train, DataPart Validation, DataPart Test)
{
    /// <summary>The task's decision threshold: declared, or the share of positives among this repetition's labelled
    /// training entries (a missing label, NaN, does not count; a multi-label task's labels are pooled).</summary>
    public double Threshold(Spec.TaskSpec task)
    {
        if (!task.PriorThreshold)
        {
            return task.Threshold;
        }

        var positives = 0.0;
        var labelled = 0;
        foreach (var label in Train.Targets[task.Name])
        {
            if (!float.IsNaN(label))
            {
                positives += label;
                labelled++;
            }
        }

        return positives / labelled;
    }

    /// <summary>
    /// The task's decision threshold for the evaluated rows' <paramref name="scores"/>: as <see cref="Threshold(Spec.TaskSpec)"/>,
    /// or, for <see cref="Spec.TaskSpec.MatchedThreshold"/>, the score at which their share of predicted positives
    /// (score at least the threshold) is the training rows' share of positives p: with the n scores in ascending order,
    /// the one at 0-based position max(0, floor((1 - p) n) - 1), as the MTA-F authors' code picks it.
    /// </summary>
    public double Threshold(Spec.TaskSpec task, ReadOnlySpan<double> scores)
    {
        var threshold = Threshold(task);
        if (!task.MatchedThreshold || scores.IsEmpty)
        {
            return threshold;
        }

        var sorted = scores.ToArray();
        Array.Sort(sorted);
        return sorted[Math.Max(0, (int)((1d - threshold) * sorted.Length) - 1)];
    }
}
