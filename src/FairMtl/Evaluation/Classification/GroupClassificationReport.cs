using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Evaluation.Classification;

/// <summary>Classification metrics of the rows of one protected group (NaN where a metric is undefined).</summary>
/// <param name="Rows">Rows in the group.</param>
/// <param name="Positives">Rows labelled 1.</param>
/// <param name="Auc">ROC AUC; NaN without a positive or a negative.</param>
/// <param name="Accuracy">Fraction of correct predictions; NaN when the group is empty.</param>
/// <param name="Tpr">True positive rate; NaN without positives.</param>
/// <param name="Fpr">False positive rate; NaN without negatives.</param>
/// <param name="PositiveRate">Fraction of rows predicted positive, P(ŷ = 1 | g); NaN when the group is empty.</param>
public sealed record GroupClassificationMetrics(
    int Rows, int Positives, double Auc, double Accuracy, double Tpr, double Fpr, double PositiveRate);

/// <summary>Classification metrics overall and per protected group.</summary>
/// <param name="Auc">ROC AUC over all rows.</param>
/// <param name="Accuracy">Accuracy over all rows.</param>
/// <param name="Groups">One entry per group 0..G-1.</param>
public sealed record GroupClassificationReport(double Auc, double Accuracy, EquatableArray<GroupClassificationMetrics> Groups)
{
    /// <summary>
    /// Scores probabilities against 0/1 labels; <paramref name="groups"/> holds each row's group in
    /// 0..<paramref name="groupCount"/>-1, and a row is predicted positive when its score is at least
    /// <paramref name="threshold"/>.
    /// </summary>
    public static GroupClassificationReport Of(
        ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, ReadOnlySpan<int> groups, int groupCount, double threshold = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupCount, 1);
        if (groups.Length != scores.Length)
        {
            throw new ArgumentException($"{scores.Length} scores but {groups.Length} groups.", nameof(groups));
        }

        var rows = new int[groupCount];
        for (var i = 0; i < groups.Length; i++)
        {
            if ((uint)groups[i] >= (uint)groupCount)
            {
                throw new ArgumentOutOfRangeException(nameof(groups), groups[i], $"Row {i}: groups must be in 0..{groupCount - 1}.");
            }

            rows[groups[i]]++;
        }

        var perGroup = new GroupClassificationMetrics[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            // The group's rows in their original order.
            var groupScores = UnitBuffers.Scratch<double>(rows[g]);
            var groupLabels = UnitBuffers.Scratch<float>(rows[g]);
            var positives = 0;
            var next = 0;
            for (var i = 0; i < groups.Length; i++)
            {
                if (groups[i] == g)
                {
                    groupScores[next] = scores[i];
                    groupLabels[next] = labels[i];
                    positives += labels[i] == 1f ? 1 : 0;
                    next++;
                }
            }

            var (tpr, fpr) = BinaryClassificationMetrics.Rates(groupScores, groupLabels, threshold);
            perGroup[g] = new GroupClassificationMetrics(
                rows[g],
                positives,
                BinaryClassificationMetrics.Auc(groupScores, groupLabels),
                BinaryClassificationMetrics.Accuracy(groupScores, groupLabels, threshold),
                tpr,
                fpr,
                BinaryClassificationMetrics.PositivePredictionRate(groupScores, threshold));
        }

        return new GroupClassificationReport(
            BinaryClassificationMetrics.Auc(scores, labels),
            BinaryClassificationMetrics.Accuracy(scores, labels, threshold),
            perGroup);
    }
}
