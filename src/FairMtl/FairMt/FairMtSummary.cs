using FairMtl.Evaluation.MultiTask;
using FairMtl.Evaluation.Statistics;
using FairMtl.Spec;

namespace FairMtl.FairMt;

/// <summary>Summarises a FairMT experiment's runs per method and sweep point, against unconstrained MTL.</summary>
public static class FairMtSummary
{
    /// <summary>One <see cref="FairMtPoint"/> per method (spec order) and sweep point (sweep order).</summary>
    public static IReadOnlyList<FairMtPoint> Points(FairMtSpec spec, IReadOnlyList<FairMtRun> runs)
    {
        var tasks = spec.Tasks.Count;
        var baselineMethod = spec.Methods.FirstOrDefault(m => m.Kind == MethodKind.MultiTask)?.Name;
        var baseline = runs.Where(run => run.Method == baselineMethod && run.Failure is null).ToDictionary(run => run.Repetition);
        var points = new List<FairMtPoint>();
        foreach (var method in spec.Methods)
        {
            var mine = new List<FairMtPoint>();
            foreach (var point in spec.SweepPoints(method))
            {
                var done = runs.Where(run => run.Method == method.Name && SamePoint(run.Point, point) && run.Failure is null).ToArray();
                var paired = done.Where(run => baseline.ContainsKey(run.Repetition)).ToArray();
                var relative = paired
                    .Select(run => Enumerable.Range(0, tasks).Average(t => run.Tasks[0][t].Error / baseline[run.Repetition].Tasks[0][t].Error))
                    .ToArray();
                var taskPoints = Enumerable.Range(0, spec.Constraint.Attributes.Count)
                    .Select(a => (IReadOnlyList<FairMtTaskPoint>)Enumerable.Range(0, tasks).Select(t => TaskPoint(done, paired, baseline, a, t)).ToArray())
                    .ToArray();
                mine.Add(new FairMtPoint(
                    method.Name,
                    point,
                    done.Length,
                    SampleSummary.Of(done.Select(run => run.Constraint).ToArray()),
                    SampleSummary.Of(relative),
                    false,
                    taskPoints,
                    method.Kind == MethodKind.PrimalDual ? Mean(done.Select(run => run.Multiplier)) : double.NaN));
            }

            var front = TradeOffFront.OnFront(mine.Select(p => (p.Constraint.Mean, double.IsNaN(p.RelativeError.Mean) ? Mean(p.Tasks[0].Select(t => t.Error)) : p.RelativeError.Mean)).ToArray());
            points.AddRange(mine.Select((p, i) => p with { OnFront = front[i] }));
        }

        return points;
    }

    /// <summary>Equal sweep values (NaN equals NaN: the unconstrained method's one point).</summary>
    public static bool SamePoint(double a, double b) => a.Equals(b);

    private static FairMtTaskPoint TaskPoint(FairMtRun[] done, FairMtRun[] paired, IReadOnlyDictionary<int, FairMtRun> baseline, int a, int t)
    {
        double Change(FairMtRun run, bool worst)
        {
            var reference = baseline[run.Repetition].Tasks[a][t].Harms;
            var group = Extreme(reference, worst);
            return group < 0 ? double.NaN : run.Tasks[a][t].Harms[group] - reference[group];
        }

        return new FairMtTaskPoint(
            Mean(done.Select(run => run.Tasks[a][t].Error)),
            Mean(done.Select(run => run.Tasks[a][t].Secondary)),
            Mean(done.Select(run => Harm(run.Tasks[a][t].Harms, worst: true))),
            Mean(done.Select(run => Harm(run.Tasks[a][t].Harms, worst: false))),
            Mean(done.Select(run => run.Violations[a][t])),
            SampleSummary.Of(paired.Select(run => Change(run, worst: true)).ToArray()),
            SampleSummary.Of(paired.Select(run => Change(run, worst: false)).ToArray()));
    }

    private static double Harm(double[] harms, bool worst)
    {
        var group = Extreme(harms, worst);
        return group < 0 ? double.NaN : harms[group];
    }

    /// <summary>The group with the largest (worst) or smallest harm, the first on ties, ignoring NaN; -1 if none.</summary>
    private static int Extreme(double[] harms, bool worst)
    {
        var best = -1;
        for (var g = 0; g < harms.Length; g++)
        {
            if (!double.IsNaN(harms[g]) && (best < 0 || (worst ? harms[g] > harms[best] : harms[g] < harms[best])))
            {
                best = g;
            }
        }

        return best;
    }

    private static double Mean(IEnumerable<double> values)
    {
        var all = values.ToArray();
        return all.Length == 0 ? double.NaN : all.Average();
    }
}
