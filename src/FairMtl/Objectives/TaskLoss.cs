using FairMtl.Spec;

namespace FairMtl.Objectives;

/// <summary>The loss a head trains with: MSE for regression heads, binary cross-entropy on logits for binary ones (for
/// multi-class and multi-label heads and missing labels see <see cref="MaskedTaskLoss"/>).</summary>
public static class TaskLoss
{
    /// <summary>
    /// The mean loss over <paramref name="rows"/> predictions, and, unless <paramref name="gradient"/> is empty, its
    /// derivative with respect to each prediction. Sums run in row order in double precision.
    /// </summary>
    public static double Compute(HeadTask task, ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, Span<float> gradient, int rows)
    {
        var sum = 0.0;
        var withGradient = !gradient.IsEmpty;
        var inverseRows = 1.0 / rows;
        switch (task)
        {
            case HeadTask.Regression:
                for (var i = 0; i < rows; i++)
                {
                    var error = (double)predictions[i] - targets[i];
                    sum += error * error;
                    if (withGradient)
                    {
                        gradient[i] = (float)(2.0 * error * inverseRows);
                    }
                }

                break;
            case HeadTask.Binary:
                for (var i = 0; i < rows; i++)
                {
                    double logit = predictions[i];
                    double target = targets[i];
                    sum += BinaryCrossEntropy(logit, target, out var probability);
                    if (withGradient)
                    {
                        gradient[i] = (float)((probability - target) * inverseRows);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(task), task, null);
        }

        return sum * inverseRows;
    }

    /// <summary>
    /// The loss of a regression or binary head as
    /// <see cref="Compute(HeadTask, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int)"/> (every row labelled,
    /// MSE), of a multi-class or multi-label head as <see cref="MaskedTaskLoss"/> (outputs and targets
    /// <see cref="HeadSpec.Outputs"/> and <see cref="HeadSpec.TargetWidth"/> per row; NaN targets are missing labels).
    /// </summary>
    public static double Compute(HeadSpec head, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int rows) =>
        head.Task is HeadTask.MultiClass or HeadTask.MultiLabel
            ? MaskedTaskLoss.Compute(head.Task, RegressionLoss.Mse, head.Classes, outputs, targets, gradient, rows)
            : Compute(head.Task, outputs, targets, gradient, rows);

    /// <summary>Binary cross-entropy of a logit against a 0/1 target in the stable form
    /// max(x, 0) - x t + log(1 + e^-|x|), with the sigmoid of the logit.</summary>
    internal static double BinaryCrossEntropy(double logit, double target, out double probability)
    {
        var e = Math.Exp(-Math.Abs(logit));
        probability = SigmoidFrom(logit, e);
        return Math.Max(logit, 0.0) - logit * target + Math.Log(1.0 + e);
    }

    /// <summary>1 / (1 + e^-x), computed without overflow.</summary>
    public static double Sigmoid(double x) => SigmoidFrom(x, Math.Exp(-Math.Abs(x)));

    /// <summary>The sigmoid of <paramref name="x"/> given e = exp(-|x|), which the loss has already computed.</summary>
    private static double SigmoidFrom(double x, double e) => x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}
