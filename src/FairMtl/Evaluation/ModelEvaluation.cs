using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Objectives;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Evaluation;

/// <summary>Scores a trained network on the test rows.</summary>
public static class ModelEvaluation
{
    /// <summary>
    /// The evaluated head's errors overall and per group (on the column's original scale), and one extra metric per
    /// other head: accuracy for binary heads, R² for regression heads.
    /// </summary>
    public static RunMetrics Evaluate(MultiHeadNetwork network, PreparedData data, string evaluatedHead)
    {
        var predictions = Predictor.Predict(network, data.Test);
        GroupErrorReport? errors = null;
        var auxiliary = new List<AuxiliaryMetric>();
        for (var h = 0; h < network.Heads.Length; h++)
        {
            var head = network.Heads[h].Spec;
            var scaling = data.HeadScalings[head.Name];
            var truth = data.TestTargetsRaw[head.Name];
            if (head.Name == evaluatedHead)
            {
                var values = Unscale(predictions[h], scaling);
                errors = GroupErrorReport.Compute(values, truth, data.TestGroups);
            }
            else if (head.Task == HeadTask.Binary)
            {
                auxiliary.Add(new AuxiliaryMetric($"{head.Name}_accuracy", Accuracy(predictions[h], truth)));
            }
            else
            {
                auxiliary.Add(new AuxiliaryMetric($"{head.Name}_r2", RSquared(Unscale(predictions[h], scaling), truth)));
            }
        }

        return new RunMetrics(
            errors ?? throw new InvalidOperationException($"The network has no head '{evaluatedHead}'."),
            auxiliary.ToArray());
    }

    private static double[] Unscale(float[] predictions, HeadScaling scaling)
    {
        var values = new double[predictions.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = scaling.Unscale(predictions[i]);
        }

        return values;
    }

    private static double Accuracy(float[] logits, double[] truth)
    {
        var correct = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            if ((logits[i] > 0f) == (truth[i] > 0.5))
            {
                correct++;
            }
        }

        return (double)correct / logits.Length;
    }

    private static double RSquared(double[] predictions, double[] truth)
    {
        var mean = 0.0;
        foreach (var value in truth)
        {
            mean += value;
        }

        mean /= truth.Length;
        var residual = 0.0;
        var total = 0.0;
        for (var i = 0; i < truth.Length; i++)
        {
            residual += (predictions[i] - truth[i]) * (predictions[i] - truth[i]);
            total += (truth[i] - mean) * (truth[i] - mean);
        }

        return 1.0 - residual / total;
    }
}
