using FairMtl.Spec;

namespace FairMtl.Objectives;

/// <summary>The loss a head trains with: MSE for regression heads, binary cross-entropy on logits for binary ones.</summary>
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
                    var e = Math.Exp(-Math.Abs(logit));
                    sum += Math.Max(logit, 0.0) - logit * target + Math.Log(1.0 + e);
                    if (withGradient)
                    {
                        gradient[i] = (float)((SigmoidFrom(logit, e) - target) * inverseRows);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(task), task, null);
        }

        return sum * inverseRows;
    }

    /// <summary>1 / (1 + e^-x), computed without overflow.</summary>
    public static double Sigmoid(double x) => SigmoidFrom(x, Math.Exp(-Math.Abs(x)));

    /// <summary>The sigmoid of <paramref name="x"/> given e = exp(-|x|), which the loss has already computed.</summary>
    private static double SigmoidFrom(double x, double e) => x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}
