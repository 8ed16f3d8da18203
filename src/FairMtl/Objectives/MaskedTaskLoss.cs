using FairMtl.Spec;

namespace FairMtl.Objectives;

/// <summary>
/// The task loss of a head of any <see cref="HeadTask"/> when labels may be missing (a NaN target): the mean over the
/// labelled entries only, so an unlabelled row (or, for multi-label heads, an unlabelled label of a row) neither adds to
/// the value nor receives a gradient.
/// </summary>
public static class MaskedTaskLoss
{
    /// <summary>
    /// The mean loss over the labelled entries of <paramref name="rows"/> rows, and, unless <paramref name="gradient"/>
    /// is empty, its derivative with respect to every output (the first <c>rows</c> times the head's outputs entries are
    /// overwritten; 0 for unlabelled entries). Sums run in row order (then output order) in double precision. With no
    /// labelled entry the value is 0 and the gradient zero.
    /// </summary>
    /// <param name="task">The head's task, which sets the loss and the widths: regression (<paramref name="loss"/>) and
    /// binary heads (BCE on the logit) have one output and one target per row; multi-class heads <paramref name="classes"/>
    /// logits (softmax cross-entropy) and one target, the class index; multi-label heads <paramref name="classes"/>
    /// logits and as many 0/1 targets (a BCE each).</param>
    /// <param name="loss">The regression loss (used by regression heads only).</param>
    /// <param name="classes">Classes of a multi-class head, labels of a multi-label head; else unused.</param>
    /// <param name="outputs">The head's outputs, row-major.</param>
    /// <param name="targets">The head's targets, row-major; NaN marks a missing label.</param>
    /// <param name="gradient">Receives d(value)/d(outputs), row-major; empty: the value only.</param>
    /// <param name="rows">The rows.</param>
    public static double Compute(
        HeadTask task, RegressionLoss loss, int classes, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int rows)
    {
        if (task is HeadTask.MultiClass or HeadTask.MultiLabel && classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"a {task} head needs at least one class");
        }

        var labelled = Labelled(task, classes, targets, rows);
        var inverse = labelled == 0 ? 0.0 : 1.0 / labelled;
        var sum = task switch
        {
            HeadTask.Regression => Regression(loss, outputs, targets, gradient, rows, inverse),
            HeadTask.Binary => CrossEntropies(outputs, targets, gradient, rows, inverse),
            HeadTask.MultiClass => Softmax(classes, outputs, targets, gradient, rows, inverse),
            HeadTask.MultiLabel => CrossEntropies(outputs, targets, gradient, rows * classes, inverse),
            _ => throw new ArgumentOutOfRangeException(nameof(task), task, null),
        };
        return sum * inverse;
    }

    /// <summary>The labelled entries of <paramref name="rows"/> rows (targets that are not NaN; a multi-label head has
    /// <paramref name="classes"/> per row, the others one).</summary>
    public static int Labelled(HeadTask task, int classes, ReadOnlySpan<float> targets, int rows)
    {
        var targetCount = task == HeadTask.MultiLabel ? rows * classes : rows;
        var labelled = 0;
        foreach (var target in targets[..targetCount])
        {
            labelled += float.IsNaN(target) ? 0 : 1;
        }

        return labelled;
    }

    private static double Regression(
        RegressionLoss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int rows, double inverse)
    {
        var withGradient = !gradient.IsEmpty;
        var sum = 0.0;
        for (var i = 0; i < rows; i++)
        {
            if (float.IsNaN(targets[i]))
            {
                if (withGradient)
                {
                    gradient[i] = 0f;
                }

                continue;
            }

            var error = (double)outputs[i] - targets[i];
            double derivative;
            switch (loss)
            {
                case RegressionLoss.Mse:
                    sum += error * error;
                    derivative = 2.0 * error;
                    break;
                case RegressionLoss.Mae:
                    sum += Math.Abs(error);
                    derivative = Math.Sign(error);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(loss), loss, null);
            }

            if (withGradient)
            {
                gradient[i] = (float)(derivative * inverse);
            }
        }

        return sum;
    }

    /// <summary>The summed BCE of <paramref name="count"/> logits, each against its own 0/1 target.</summary>
    private static double CrossEntropies(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient, int count, double inverse)
    {
        var withGradient = !gradient.IsEmpty;
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            if (float.IsNaN(targets[i]))
            {
                if (withGradient)
                {
                    gradient[i] = 0f;
                }

                continue;
            }

            double target = targets[i];
            sum += TaskLoss.BinaryCrossEntropy(logits[i], target, out var probability);
            if (withGradient)
            {
                gradient[i] = (float)((probability - target) * inverse);
            }
        }

        return sum;
    }

    /// <summary>The summed softmax cross-entropy of each row's <paramref name="classes"/> logits against the row's class
    /// index: log(sum_k e^(l_k - max)) - (l_target - max), with gradient softmax - one-hot.</summary>
    private static double Softmax(int classes, ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient, int rows, double inverse)
    {
        var withGradient = !gradient.IsEmpty;
        var sum = 0.0;
        for (var r = 0; r < rows; r++)
        {
            var row = logits.Slice(r * classes, classes);
            var rowGradient = withGradient ? gradient.Slice(r * classes, classes) : [];
            if (float.IsNaN(targets[r]))
            {
                rowGradient.Clear();
                continue;
            }

            var target = (int)targets[r];
            if (target != targets[r] || target < 0 || target >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), targets[r], $"row {r}: a class index must be 0 .. {classes - 1}");
            }

            double max = row[0];
            for (var k = 1; k < classes; k++)
            {
                max = Math.Max(max, row[k]);
            }

            var total = 0.0;
            for (var k = 0; k < classes; k++)
            {
                total += Math.Exp(row[k] - max);
            }

            sum += Math.Log(total) - (row[target] - max);
            for (var k = 0; k < rowGradient.Length; k++)
            {
                var probability = Math.Exp(row[k] - max) / total;
                rowGradient[k] = (float)((probability - (k == target ? 1.0 : 0.0)) * inverse);
            }
        }

        return sum;
    }
}
