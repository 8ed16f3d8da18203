using FairMtl.Comparisons;
using FairMtl.FairMt;
using FairMtl.Reports;
using FairMtl.Store;
using FairMtl.Tests.Data;
using FairMtl.Tests.Yaml;

namespace FairMtl.Tests.FairMt;

/// <summary>
/// Whole FairMT runs in process on the synthetic data: the same numbers whatever the thread count, and the methods
/// behave as designed where one group is clearly worse served.
/// </summary>
public class FairMtRunTests
{
    [Fact]
    public void A_run_gives_bit_identical_results_with_one_or_two_threads_and_when_run_again()
    {
        // Regression, binary and multi-class tasks under one constraint; unconstrained MTL, a penalty and primal-dual.
        using var folder = new TempDataFolder();
        folder.Write("data.csv", FairMtSynthetic.Csv(300, 1));
        var loaded = FairMtSynthetic.Parse(FairMtSynthetic.Yaml.WithLine("protocol:", "protocol: { repetitions: 2, seed: 3 }"), folder.Path);

        var one = FairMtRunner.Run(loaded, 1, null, CancellationToken.None);
        var two = FairMtRunner.Run(loaded, 2, null, CancellationToken.None);
        var again = FairMtRunner.Run(loaded, 2, null, CancellationToken.None);

        one.Runs.Count.ShouldBe(6);
        one.Runs.ShouldAllBe(run => run.Failure == null && run.Epochs == 3 && double.IsFinite(run.Constraint));
        one.Runs.Where(run => run.Method == "PD").ShouldAllBe(run => double.IsFinite(run.Multiplier));
        one.Runs.Select(run => run.Tasks[0][0].Error).Distinct().Count().ShouldBeGreaterThan(1, "the runs are not all the same model");
        var expected = ResultSnapshot.Render(one);
        ResultSnapshot.Render(two).ShouldBe(expected);
        ResultSnapshot.Render(again).ShouldBe(expected);

        // The snapshot rounds to six digits; every run's numbers are also equal bit for bit (NaN included).
        CanonicalJson.Write(two.Runs).ShouldBe(CanonicalJson.Write(one.Runs));
        CanonicalJson.Write(again.Runs).ShouldBe(CanonicalJson.Write(one.Runs));
    }

    [Fact]
    public void Scales_constraint_values_and_the_summary_against_mtl_are_what_the_runs_give_by_hand()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", FairMtSynthetic.Csv(300, 1));
        var loaded = FairMtSynthetic.Parse(FairMtSynthetic.Yaml.WithLine("protocol:", "protocol: { repetitions: 2, seed: 3 }"), folder.Path);

        var result = FairMtRunner.Run(loaded, 2, null, CancellationToken.None);

        // y's measured scale: the variance of repetition 0's labelled training labels; rates have scale 1.
        var train = ComparisonData.Load(loaded).Split(0).Train.Targets["y"].Where(v => !float.IsNaN(v)).Select(v => (double)v).ToArray();
        var mean = train.Average();
        result.Scales[0].ShouldBe(train.Sum(v => (v - mean) * (v - mean)) / train.Length, 1e-12);
        (result.Scales[1], result.Scales[2]).ShouldBe((1d, 1d));

        foreach (var run in result.Runs)
        {
            // aggregate: max over the scaled one-sided violations of the three constrained tasks.
            run.Constraint.ShouldBe(Enumerable.Range(0, 3).Max(t => run.Violations[0][t] / result.Scales[t]), 1e-12, run.Method);
            for (var t = 0; t < 3; t++)
            {
                run.Violations[0][t].ShouldBe(run.Tasks[0][t].Harms.Max() - run.Tasks[0][t].Harms.Min(), 1e-12, "best-group reference, no tolerance: the worst minus the best group's harm");
            }
        }

        var mtl = result.Runs.Where(run => run.Method == "MTL").ToDictionary(run => run.Repetition);
        foreach (var point in result.Points)
        {
            var runs = result.Runs.Where(run => run.Method == point.Method).ToArray();
            point.Runs.ShouldBe(2);
            point.Constraint.Mean.ShouldBe(runs.Average(run => run.Constraint), 1e-12);
            point.RelativeError.Mean.ShouldBe(runs.Average(run => Enumerable.Range(0, 3).Average(t => run.Tasks[0][t].Error / mtl[run.Repetition].Tasks[0][t].Error)), 1e-12, point.Method);
            for (var t = 0; t < 3; t++)
            {
                // The groups worst and best off under MTL, same repetition: this method's harm minus MTL's.
                double Change(FairMtRun run, Func<double[], double> pick)
                {
                    var reference = mtl[run.Repetition].Tasks[0][t].Harms;
                    var group = Array.IndexOf(reference, pick(reference));
                    return run.Tasks[0][t].Harms[group] - reference[group];
                }

                point.Tasks[0][t].WorstChange.Mean.ShouldBe(runs.Average(run => Change(run, h => h.Max())), 1e-12);
                point.Tasks[0][t].BestChange.Mean.ShouldBe(runs.Average(run => Change(run, h => h.Min())), 1e-12);
                point.Tasks[0][t].Violation.ShouldBe(runs.Average(run => run.Violations[0][t]), 1e-12);
            }
        }

        result.Points.Single(p => p.Method == "MTL").RelativeError.Mean.ShouldBe(1d);
        result.Points.Single(p => p.Method == "MTL").Tasks[0].ShouldAllBe(t => t.WorstChange.Mean == 0d && t.BestChange.Mean == 0d);
        result.Points.Single(p => p.Method == "PD").Multiplier.ShouldBe(result.Runs.Where(run => run.Method == "PD").Average(run => run.Multiplier), 1e-12);
    }

    /// <summary>
    /// Only the binary task b is constrained; its positives in group u have a weak signal, so unconstrained MTL misses many
    /// more of them (1 - TPR) than of group p's. Measured (1500 rows, data seeds 3, 5, 7, 9 and 11, 15 epochs):
    /// b's test violation was 0.12-0.50 for MTL, 0.004-0.068 for head-aware primal-dual at epsilon 0 (mu 10.9-14.6) and
    /// 0.12-0.38 for the trunk-only variant; primal-dual's group p harm was never above MTL's. With data seed 3 (the case
    /// below): MTL 0.308 (harms p 0.080, u 0.387), PD 0.004 (p 0.080, u 0.075, mu 10.9), PD-TRUNK 0.121 (mu 17.8).
    /// </summary>
    [Fact]
    public void Primal_dual_at_epsilon_zero_lowers_the_worse_served_groups_violation_and_the_head_aware_step_matters()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", FairMtSynthetic.Csv(1500, 3));
        var yaml = FairMtSynthetic.Yaml
            .WithLine("y:", "  y: { type: regression, column: y }")
            .WithLine("c:", "  c: { type: multi-class, column: c, classes: [lo, mid, hi] }")
            .WithLine("PEN:", "  PD-TRUNK: { kind: primal-dual, dual_step: 0.5, head_aware: false }")
            .WithLine("sweep:", "sweep: { epsilon: [0] }")
            .WithLine("epochs:", "  epochs: 15");

        var result = FairMtRunner.Run(FairMtSynthetic.Parse(yaml, folder.Path), 2, null, CancellationToken.None);

        result.Runs.ShouldAllBe(run => run.Failure == null);
        var mtl = result.Runs.Single(run => run.Method == "MTL");
        var pd = result.Runs.Single(run => run.Method == "PD");
        var trunk = result.Runs.Single(run => run.Method == "PD-TRUNK");
        (double.IsNaN(mtl.Violations[0][0]), double.IsNaN(mtl.Violations[0][2])).ShouldBe((true, true), "y and c are not constrained");
        mtl.Tasks[0][1].Harms[1].ShouldBeGreaterThan(mtl.Tasks[0][1].Harms[0] + 0.15, "group u (index 1) is worse served under MTL");
        mtl.Violations[0][1].ShouldBeGreaterThan(0.15);
        double.IsNaN(mtl.Multiplier).ShouldBeTrue();

        pd.Multiplier.ShouldBeGreaterThan(1, "at epsilon 0 the multiplier grows while the constraint is violated");
        pd.Violations[0][1].ShouldBeLessThan(mtl.Violations[0][1] - 0.15);
        pd.Constraint.ShouldBe(pd.Violations[0][1], "F of a single constrained task with scale 1 is its violation");
        pd.Tasks[0][1].Harms[1].ShouldBeLessThan(mtl.Tasks[0][1].Harms[1] - 0.15, "the worse-served group is helped");
        pd.Tasks[0][1].Harms[0].ShouldBeLessThanOrEqualTo(mtl.Tasks[0][1].Harms[0] + 0.03, "the one-sided violation does not level the better-served group down");

        trunk.Multiplier.ShouldBeGreaterThan(1);
        trunk.Multiplier.ShouldNotBe(pd.Multiplier, "head_aware: false trains another model");
        trunk.Violations[0][1].ShouldBeGreaterThan(pd.Violations[0][1] + 0.05, "constraining the trunk only leaves the head free to keep the bias");
    }
}
