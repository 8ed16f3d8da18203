using FairMtl.Evaluation;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Sweeps;

/// <summary>The seed analysis on hand-made runs: six seeds, a baseline and three points.</summary>
public class SeedAnalysisTests
{
    private static readonly int[] Seeds = [1, 2, 3, 4, 5, 6];
    private static readonly double[] BaselineError = [10, 11, 12, 13, 14, 15];
    private static readonly double[] BaselineDisparity = [5, 6, 5, 6, 5, 6];

    private static RunResult Run(int seed, SweepPoint? point, double error, double disparity) =>
        new(seed, point, 0, 1, 1, new RunMetrics(
            new GroupErrorReport(new ErrorMetrics(error * error, error, error), new ErrorMetrics(0, 0, 0), new ErrorMetrics(disparity * disparity, disparity, disparity)),
            EquatableArray<AuxiliaryMetric>.Empty), null);

    private static (ExperimentSpec Spec, SweepPoint[] Points, RunResult[] Baseline, RunResult[] Sweep) Case()
    {
        var spec = TestExperiments.ParkinsonLikeSpec();
        spec = spec with
        {
            Sweep = new SweepSpec(new[] { new SweepVariable("alpha", new[] { 1.0, 2.0, 3.0 }) }, Seeds),
            Evaluation = spec.Evaluation with { Pareto = new ParetoSpec(ErrorMetric.Rmse, ErrorMetric.Rmse), Significance = 0.05 },
        };
        SweepPoint[] points = [new(0, new[] { 1.0 }), new(1, new[] { 2.0 }), new(2, new[] { 3.0 })];
        var baseline = Seeds.Select((seed, i) => Run(seed, null, BaselineError[i], BaselineDisparity[i])).ToArray();
        var sweep = Seeds.SelectMany((seed, i) => new[]
        {
            // Point 0: one better on error and disparity in every seed. Point 1: the baseline itself. Point 2: worse.
            Run(seed, points[0], BaselineError[i] - 1, BaselineDisparity[i] - 1),
            Run(seed, points[1], BaselineError[i], BaselineDisparity[i]),
            Run(seed, points[2], BaselineError[i] + 2, BaselineDisparity[i] - 2 + (seed == 1 ? 3 : 0)),
        }).ToArray();
        return (spec, points, baseline, sweep);
    }

    [Fact]
    public void Means_intervals_and_paired_tests_follow_the_hand_made_runs()
    {
        var (spec, points, baseline, sweep) = Case();
        var analysis = SeedAnalysis.Of(spec, baseline, sweep, points);

        analysis.Baseline!.Error.Mean.ShouldBe(12.5);
        analysis.Baseline.Error.Count.ShouldBe(6);
        // sd of 10..15 = sqrt(17.5 / 5); t_{0.975,5} = 2.570581836.
        analysis.Baseline.Error.StandardDeviation.ShouldBe(Math.Sqrt(3.5), 1e-12);
        analysis.Baseline.Error.High.ShouldBe(12.5 + (2.570581836 * Math.Sqrt(3.5) / Math.Sqrt(6)), 1e-6);

        var better = analysis.Points[0];
        better.ErrorVsBaseline!.T.MeanDifference.ShouldBe(-1, 1e-12);
        // Six differences of the same sign: exact two-sided p = 2 / 2^6.
        better.ErrorVsBaseline.Wilcoxon.PValue.ShouldBe(2.0 / 64, 1e-12);
        better.ErrorVsBaseline.Outcome.ShouldBe(Outcome.Better);
        better.DisparityVsBaseline!.Outcome.ShouldBe(Outcome.Better);
        analysis.Points[1].ErrorVsBaseline!.Outcome.ShouldBe(Outcome.NotSignificant);
        analysis.Points[1].ErrorVsBaseline!.Wilcoxon.PValue.ShouldBe(1);
        analysis.Points[2].ErrorVsBaseline!.Outcome.ShouldBe(Outcome.Worse);
        // Disparity of point 2: -2 in five seeds, +1 in seed 1: ranks 2..6 negative, rank 1 positive, W+ = 1.
        analysis.Points[2].DisparityVsBaseline!.Wilcoxon.WPlus.ShouldBe(1);
        analysis.Points[2].DisparityVsBaseline!.Outcome.ShouldBe(Outcome.NotSignificant);

        analysis.Verdict.ShouldBe(
            "At the 0.05 level (exact two-sided Wilcoxon signed-rank test over 6 paired seeds), the sweep beats the baseline on both: "
            + "1 of 3 points have significantly lower disparity, 1 significantly lower error, 1 both.");
    }

    [Fact]
    public void Front_frequency_and_hypervolume_are_computed_per_seed_and_on_the_means()
    {
        var (spec, points, baseline, sweep) = Case();
        var analysis = SeedAnalysis.Of(spec, baseline, sweep, points);

        // Point 0 is on every seed's front; point 2 has a lower disparity in seeds 2-6 (a trade-off), so it is on those
        // fronts too; point 1 is dominated by point 0 everywhere.
        analysis.Points.Select(p => p.FrontFrequency).ShouldBe([1.0, 0.0, 5.0 / 6]);
        analysis.Points.Select(p => p.OnMeanFront).ShouldBe([true, false, true]);

        // Means: baseline (5.5, 12.5); point 0 (4.5, 11.5); point 2 (4.0, 14.5) is worse than the reference in error and adds
        // nothing. Hypervolume = (5.5 - 4.5) * (12.5 - 11.5) = 1 on the means, and 1 in every seed.
        analysis.HypervolumeOfMeans.ShouldBe(1, 1e-12);
        analysis.HypervolumePerSeed.Mean.ShouldBe(1, 1e-12);
        analysis.HypervolumePerSeed.StandardDeviation.ShouldBe(0, 1e-12);
    }

    [Fact]
    public void A_declared_reference_point_replaces_the_baseline_in_the_hypervolume()
    {
        var (spec, points, baseline, sweep) = Case();
        spec = spec with { Evaluation = spec.Evaluation with { HypervolumeReference = new[] { 6.0, 16.0 } } };
        var analysis = SeedAnalysis.Of(spec, baseline, sweep, points);

        // Means: point 0 (4.5, 11.5), point 2 (4.0, 14.5); union of [4.5, 6] x [11.5, 16] and [4.0, 6] x [14.5, 16]:
        // 1.5 * 4.5 + 0.5 * 1.5 = 7.5.
        analysis.HypervolumeOfMeans.ShouldBe(7.5, 1e-12);
    }

    [Fact]
    public void With_one_seed_the_verdict_says_no_test_is_possible()
    {
        var (spec, points, baseline, sweep) = Case();
        var analysis = SeedAnalysis.Of(spec with { Sweep = spec.Sweep with { Seeds = new[] { 1 } } }, baseline.Take(1).ToArray(), sweep.Take(3).ToArray(), points);
        analysis.Verdict.ShouldStartWith("With fewer than two seeds no point can be tested against the baseline");
        double.IsNaN(analysis.Points[0].Error.Low).ShouldBeTrue();
    }
}

/// <summary><c>sweep.split: per-seed</c>: each seed trains and tests on its own split.</summary>
public class SplitPerSeedTests
{
    [Fact]
    public void A_seed_with_its_own_split_gives_what_a_fixed_split_with_that_seed_gives()
    {
        using var folder = new TempDataFolder();
        var perSeed = Training.SyntheticExperiment.Spec(epochs: 2, alphas: [1.0], seeds: [7, 9]);
        perSeed = perSeed with { Sweep = perSeed.Sweep with { SplitPerSeed = true } };
        var (experiment, data) = Training.SyntheticExperiment.Prepare(folder, perSeed);
        var result = ExperimentRunner.Run(experiment, data, 2, null, 0, CancellationToken.None);

        var fixedNine = perSeed with
        {
            Sweep = perSeed.Sweep with { Seeds = new[] { 9 }, SplitPerSeed = false },
            Data = perSeed.Data with { Split = perSeed.Data.Split with { Seed = 9 } },
        };
        var (nineExperiment, nineData) = Training.SyntheticExperiment.Prepare(folder, fixedNine);
        var nine = ExperimentRunner.Run(nineExperiment, nineData, 1, null, 0, CancellationToken.None);

        result.Baseline.Single(run => run.Seed == 9).Metrics.ShouldBe(nine.Baseline.Single().Metrics);
        result.Sweep.Single(run => run.Seed == 9).Metrics.ShouldBe(nine.Sweep.Single().Metrics);
        result.Baseline[0].Metrics.ShouldNotBe(result.Baseline[1].Metrics);
    }

    [Fact]
    public void The_yaml_key_reads_fixed_or_per_seed()
    {
        Yaml.YamlTestFiles.Parse(Yaml.YamlTestFiles.Minimal + "\nsweep: { seeds: 3, split: per-seed }").Spec.Sweep.SplitPerSeed.ShouldBeTrue();
        Yaml.YamlTestFiles.Parse(Yaml.YamlTestFiles.Minimal + "\nsweep: { seeds: 3, split: fixed }").Spec.Sweep.SplitPerSeed.ShouldBeFalse();
        var error = Should.Throw<FairMtl.Diagnostics.FairMtlException>(() => Yaml.YamlTestFiles.Parse(Yaml.YamlTestFiles.Minimal + "\nsweep: { split: random }"));
        error.Detail.ShouldBe("'sweep.split' must be one of fixed, per-seed, got 'random'");
    }
}
