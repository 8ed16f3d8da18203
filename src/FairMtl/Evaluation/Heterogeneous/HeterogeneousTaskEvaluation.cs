using FairMtl.Evaluation.Classification;
using FairMtl.Spec;

namespace FairMtl.Evaluation.Heterogeneous;

/// <summary>
/// Test metrics of a task of any type from its head's raw outputs (row-major, <c>classes</c> per row for multi-class and
/// multi-label heads): predictions are thresholded (binary, multi-label: sigmoid at the threshold) or the arg-max class;
/// a row takes part in a metric when its label is present, in a group metric also when its group is known.
/// </summary>
public static class HeterogeneousTaskEvaluation
{
    /// <summary>The metrics of one task; <paramref name="harm"/> is the harm the group columns measure.</summary>
    public static TaskMetrics Evaluate(
        HeadTask task, int classes, HarmKind harm, bool favourableNegative, float[] outputs, float[] targets, int[] groups, int groupCount, double threshold)
    {
        return task switch
        {
            HeadTask.Regression => Regression(outputs, targets, groups, groupCount, harm),
            HeadTask.MultiClass => MultiClass(outputs, targets, groups, groupCount, classes),
            HeadTask.MultiLabel => MultiLabel(outputs, targets, groups, groupCount, classes, harm, favourableNegative, threshold),
            _ => Binary(outputs, 1, 0, targets, groups, groupCount, harm, favourableNegative, threshold),
        };
    }

    private static TaskMetrics Regression(float[] outputs, float[] targets, int[] groups, int groupCount, HarmKind harm)
    {
        var (squares, absolutes, n) = (0.0, 0.0, 0);
        var groupSquares = new double[groupCount];
        var groupAbsolutes = new double[groupCount];
        var groupRows = new int[groupCount];
        for (var r = 0; r < targets.Length; r++)
        {
            if (float.IsNaN(targets[r]))
            {
                continue;
            }

            var error = (double)outputs[r] - targets[r];
            squares += error * error;
            absolutes += Math.Abs(error);
            n++;
            if (groups[r] >= 0)
            {
                groupSquares[groups[r]] += error * error;
                groupAbsolutes[groups[r]] += Math.Abs(error);
                groupRows[groups[r]]++;
            }
        }

        var mse = Enumerable.Range(0, groupCount).Select(g => groupRows[g] == 0 ? double.NaN : groupSquares[g] / groupRows[g]).ToArray();
        var mae = Enumerable.Range(0, groupCount).Select(g => groupRows[g] == 0 ? double.NaN : groupAbsolutes[g] / groupRows[g]).ToArray();
        return new TaskMetrics(Math.Sqrt(squares / n), absolutes / n, harm == HarmKind.Mae ? mae : mse, double.NaN, [Spread(mae)]);
    }

    /// <summary>Output <paramref name="output"/> of <paramref name="width"/> per row as a binary task.</summary>
    private static TaskMetrics Binary(
        float[] outputs, int width, int output, float[] targets, int[] groups, int groupCount, HarmKind harm, bool favourableNegative, double threshold)
    {
        var rows = outputs.Length / width;
        var labelled = Enumerable.Range(0, rows).Where(r => !float.IsNaN(targets[(r * width) + output])).ToArray();
        var scores = labelled.Select(r => Sigmoid(outputs[(r * width) + output])).ToArray();
        var labels = labelled.Select(r => targets[(r * width) + output]).ToArray();
        var rowGroups = labelled.Select(r => groups[r]).ToArray();
        var accuracy = BinaryClassificationMetrics.Accuracy(scores, labels, threshold);
        var auc = labels.Distinct().Count() == 2 ? BinaryClassificationMetrics.Auc(scores, labels) : double.NaN;
        var known = Enumerable.Range(0, labelled.Length).Where(i => rowGroups[i] >= 0).ToArray();
        var report = GroupClassificationReport.Of(
            known.Select(i => scores[i]).ToArray(), known.Select(i => labels[i]).ToArray(), known.Select(i => rowGroups[i]).ToArray(), groupCount, threshold);
        var harms = report.Groups.Select(group => (harm, favourableNegative) switch
        {
            (HarmKind.Parity, true) => group.PositiveRate,
            (HarmKind.Parity, false) => 1d - group.PositiveRate,
            (_, true) => group.Fpr,
            _ => 1d - group.Tpr,
        }).ToArray();
        return new TaskMetrics(1d - accuracy, auc, harms, FairnessGaps.TprGap(report), [FairnessGaps.DemographicParityGap(report)]);
    }

    private static TaskMetrics MultiLabel(
        float[] outputs, float[] targets, int[] groups, int groupCount, int labels, HarmKind harm, bool favourableNegative, double threshold)
    {
        var each = Enumerable.Range(0, labels)
            .Select(k => Binary(outputs, labels, k, targets, groups, groupCount, harm, favourableNegative, threshold))
            .ToArray();
        var harms = Enumerable.Range(0, groupCount).Select(g => MeanOfPresent(each.Select(m => m.Harms[g]))).ToArray();
        return new TaskMetrics(
            each.Average(m => m.Error), MeanOfPresent(each.Select(m => m.Secondary)), harms, MeanOfPresent(each.Select(m => m.TprGap)), each.Select(m => m.DpGaps[0]).ToArray());
    }

    private static TaskMetrics MultiClass(float[] outputs, float[] targets, int[] groups, int groupCount, int classes)
    {
        var rows = targets.Length;
        var predicted = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (outputs[(r * classes) + c] > outputs[(r * classes) + best])
                {
                    best = c;
                }
            }

            predicted[r] = best;
        }

        var labelled = Enumerable.Range(0, rows).Where(r => !float.IsNaN(targets[r])).ToArray();
        var accuracy = labelled.Count(r => predicted[r] == (int)targets[r]) / (double)labelled.Length;
        var f1 = new List<double>();
        var tprGaps = new List<double>();
        var dpGaps = new double[classes];
        var groupHarms = new double[groupCount];
        var groupClasses = new int[groupCount];
        for (var c = 0; c < classes; c++)
        {
            var truePositives = labelled.Count(r => predicted[r] == c && (int)targets[r] == c);
            var actual = labelled.Count(r => (int)targets[r] == c);
            var claimed = labelled.Count(r => predicted[r] == c);
            if (actual > 0)
            {
                f1.Add(2d * truePositives / (actual + claimed));
            }

            var tpr = new double[groupCount];
            var rate = new double[groupCount];
            for (var g = 0; g < groupCount; g++)
            {
                var mine = labelled.Where(r => groups[r] == g).ToArray();
                var ofClass = mine.Where(r => (int)targets[r] == c).ToArray();
                tpr[g] = ofClass.Length == 0 ? double.NaN : ofClass.Count(r => predicted[r] == c) / (double)ofClass.Length;
                rate[g] = mine.Length == 0 ? double.NaN : mine.Count(r => predicted[r] == c) / (double)mine.Length;
                if (ofClass.Length > 0)
                {
                    groupHarms[g] += 1d - tpr[g];
                    groupClasses[g]++;
                }
            }

            tprGaps.Add(Spread(tpr));
            dpGaps[c] = Spread(rate);
        }

        var harms = Enumerable.Range(0, groupCount).Select(g => groupClasses[g] == 0 ? double.NaN : groupHarms[g] / groupClasses[g]).ToArray();
        return new TaskMetrics(1d - accuracy, f1.Average(), harms, MeanOfPresent(tprGaps), dpGaps);
    }

    /// <summary>Largest minus smallest of the values that are not NaN (NaN with fewer than two).</summary>
    private static double Spread(IReadOnlyList<double> values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        return present.Length < 2 ? double.NaN : present.Max() - present.Min();
    }

    private static double MeanOfPresent(IEnumerable<double> values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        return present.Length == 0 ? double.NaN : present.Average();
    }

    private static double Sigmoid(float logit) => Objectives.TaskLoss.Sigmoid(logit);
}
