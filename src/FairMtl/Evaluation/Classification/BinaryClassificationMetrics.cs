using FairMtl.Numerics;

namespace FairMtl.Evaluation.Classification;

/// <summary>
/// Metrics of probability scores (sigmoid outputs) against 0/1 labels. A row is predicted positive when its score is
/// at least the threshold.
/// </summary>
public static class BinaryClassificationMetrics
{
    /// <summary>
    /// ROC AUC: the Mann–Whitney U statistic over <c>n_pos * n_neg</c>, i.e. the fraction of (positive, negative)
    /// pairs whose positive scores higher, a tied pair counting 1/2 (average ranks). NaN when there is no positive or
    /// no negative row. O(n log n).
    /// </summary>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels)
    {
        CheckInputs(scores, labels);
        var order = AscendingOrder(scores);

        // Walk the groups of tied scores from the lowest: every positive beats the negatives of the groups below it
        // and ties the negatives of its own group. Counting twice U keeps the sum an exact integer.
        long twiceU = 0;
        long positives = 0;
        long negativesBelow = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            long groupPositives = 0;
            long groupNegatives = 0;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                if (labels[order[end]] == 1f)
                {
                    groupPositives++;
                }
                else
                {
                    groupNegatives++;
                }

                end++;
            }

            twiceU += (2 * groupPositives * negativesBelow) + (groupPositives * groupNegatives);
            positives += groupPositives;
            negativesBelow += groupNegatives;
            start = end;
        }

        var negatives = negativesBelow;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return twiceU / (2.0 * positives * negatives);
    }

    /// <summary>Fraction of rows whose prediction (score &gt;= <paramref name="threshold"/>) equals the label; NaN when empty.</summary>
    public static double Accuracy(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, double threshold = 0.5)
    {
        var (tp, fp, tn, fn) = Confusion(scores, labels, threshold);
        var rows = tp + fp + tn + fn;
        return rows == 0 ? double.NaN : (double)(tp + tn) / rows;
    }

    /// <summary>
    /// True positive rate TP / (TP + FN), NaN without positives, and false positive rate FP / (FP + TN), NaN without
    /// negatives.
    /// </summary>
    public static (double Tpr, double Fpr) Rates(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, double threshold = 0.5)
    {
        var (tp, fp, tn, fn) = Confusion(scores, labels, threshold);
        var tpr = tp + fn == 0 ? double.NaN : (double)tp / (tp + fn);
        var fpr = fp + tn == 0 ? double.NaN : (double)fp / (fp + tn);
        return (tpr, fpr);
    }

    /// <summary>Fraction of rows predicted positive (score &gt;= <paramref name="threshold"/>); NaN when empty.</summary>
    public static double PositivePredictionRate(ReadOnlySpan<double> scores, double threshold = 0.5)
    {
        if (scores.IsEmpty)
        {
            return double.NaN;
        }

        var predicted = 0;
        foreach (var score in scores)
        {
            if (score >= threshold)
            {
                predicted++;
            }
        }

        return (double)predicted / scores.Length;
    }

    private static (int Tp, int Fp, int Tn, int Fn) Confusion(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, double threshold)
    {
        CheckInputs(scores, labels);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var predicted = scores[i] >= threshold;
            var actual = labels[i] == 1f;
            if (predicted)
            {
                if (actual)
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }
            else if (actual)
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        return (tp, fp, tn, fn);
    }

    private static void CheckInputs(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels.", nameof(labels));
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"Score {i} is NaN.", nameof(scores));
            }

            if (labels[i] != 0f && labels[i] != 1f)
            {
                throw new ArgumentException($"Label {i} is {labels[i]}; labels must be 0 or 1.", nameof(labels));
            }
        }
    }

    // Row indices by ascending score, equal scores by ascending index: a total order, so the result never depends
    // on the sort algorithm. The (score, row) pairs and the order are scratch space of the unit (UnitBuffers).
    private static Span<int> AscendingOrder(ReadOnlySpan<double> scores)
    {
        var pairs = UnitBuffers.Scratch<(double Score, int Row)>(scores.Length);
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = (scores[i], i);
        }

        pairs.Sort();
        var order = UnitBuffers.Scratch<int>(pairs.Length);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = pairs[i].Row;
        }

        return order;
    }
}
