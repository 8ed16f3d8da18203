using FairMtl.Comparisons;
using FairMtl.Spec;

namespace FairMtl.FairMt;

/// <summary>The scale s_t of each task's violation: declared, or measured on the repetition's labelled training rows as
/// the harm of the best constant prediction (regression MSE: the labels' variance; MAE: their mean absolute deviation
/// from the median); a classification harm is a rate and has scale 1.</summary>
public static class ConstraintScales
{
    /// <summary>Per task (spec order), its scale; NaN for a task without a harm.</summary>
    public static double[] Of(FairMtSpec spec, RepetitionData repetition)
    {
        var scales = new double[spec.Tasks.Count];
        for (var t = 0; t < scales.Length; t++)
        {
            var task = spec.Tasks[t];
            scales[t] = task.Harm switch
            {
                null => double.NaN,
                { Scale: > 0d } declared => declared.Scale,
                { Kind: HarmKind.Mse } => Variance(Labelled(repetition, task)),
                { Kind: HarmKind.Mae } => DeviationFromMedian(Labelled(repetition, task)),
                _ => 1d,
            };
        }

        return scales;
    }

    private static double[] Labelled(RepetitionData repetition, TaskSpec task) =>
        repetition.Train.Targets[task.Name].Where(v => !float.IsNaN(v)).Select(v => (double)v).ToArray();

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        return variance > 0d ? variance : 1d;
    }

    private static double DeviationFromMedian(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]);
        var deviation = values.Sum(v => Math.Abs(v - median)) / n;
        return deviation > 0d ? deviation : 1d;
    }
}
