using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Tests.Data;
using FairMtl.Tests.Training;

namespace FairMtl.Tests.Sweeps;

public class ExperimentRunnerTests
{
    [Fact]
    public void Results_are_bit_identical_with_one_or_two_threads()
    {
        using var folder = new TempDataFolder();
        var (experiment, data) = SyntheticExperiment.Prepare(folder, SyntheticExperiment.Spec(epochs: 3, seeds: [1, 2]));
        var one = ExperimentRunner.Run(experiment, data, 1, null, 0, CancellationToken.None);
        var two = ExperimentRunner.Run(experiment, data, 2, null, 0, CancellationToken.None);
        var tables = (ExperimentResult r) => CsvFormat.Write(ResultTables.Baseline(r)) + CsvFormat.Write(ResultTables.Sweep(r)) + CsvFormat.Write(ResultTables.Pareto(r));
        tables(two).ShouldBe(tables(one));
        one.Sweep.Count.ShouldBe(6);
        one.Baseline.Count.ShouldBe(2);
        one.Sweep.ShouldAllBe(run => run.Succeeded);
    }

    [Fact]
    public void A_run_does_not_depend_on_which_other_runs_share_the_sweep_or_when_they_run()
    {
        using var folder = new TempDataFolder();
        var (full, data) = SyntheticExperiment.Prepare(folder, SyntheticExperiment.Spec(epochs: 2, alphas: [0.5, 2.5, 4.5], seeds: [1, 2]));
        var part = full with { Spec = SyntheticExperiment.Spec(epochs: 2, alphas: [4.5], seeds: [2]) };
        var all = ExperimentRunner.Run(full, data, 2, null, 0, CancellationToken.None);
        var alone = ExperimentRunner.Run(part, data, 1, null, 0, CancellationToken.None);

        var together = all.Sweep.Single(run => run.Seed == 2 && run.Point!.Values[0] == 4.5);
        alone.Sweep.Single().Metrics.ShouldBe(together.Metrics);
        alone.Baseline.Single().Metrics.ShouldBe(all.Baseline.Single(run => run.Seed == 2).Metrics);
    }

    [Fact]
    public void Every_point_of_a_seed_starts_from_the_same_weights_and_batch_order()
    {
        // Common random numbers: the first point of each warm-start block equals the same point trained alone.
        using var folder = new TempDataFolder();
        double[] alphas = [1.0, 2.0, 3.0, 4.0];
        var independentSpec = SyntheticExperiment.Spec(epochs: 2, alphas: alphas);
        var warmSpec = SyntheticExperiment.Spec(epochs: 2, alphas: alphas, regime: new RegimeSpec(RegimeKind.WarmStartBlocks, 2, false));
        var (independentExperiment, data) = SyntheticExperiment.Prepare(folder, independentSpec);
        var independent = ExperimentRunner.Run(independentExperiment, data, 2, null, 0, CancellationToken.None);
        var warm = ExperimentRunner.Run(independentExperiment with { Spec = warmSpec }, data, 2, null, 0, CancellationToken.None);

        Rmse(warm, 0).ShouldBe(Rmse(independent, 0));
        Rmse(warm, 2).ShouldBe(Rmse(independent, 2));
        Rmse(warm, 1).ShouldNotBe(Rmse(independent, 1));
        Rmse(warm, 3).ShouldNotBe(Rmse(independent, 3));
    }

    [Fact]
    public void Keeping_the_optimizer_state_inside_a_block_changes_the_warm_started_points_only()
    {
        using var folder = new TempDataFolder();
        double[] alphas = [1.0, 2.0];
        var fresh = SyntheticExperiment.Spec(epochs: 2, alphas: alphas, regime: new RegimeSpec(RegimeKind.WarmStartBlocks, 2, false));
        var kept = fresh with { Training = fresh.Training with { Regime = new RegimeSpec(RegimeKind.WarmStartBlocks, 2, true) } };
        var (experiment, data) = SyntheticExperiment.Prepare(folder, fresh);
        var a = ExperimentRunner.Run(experiment, data, 1, null, 0, CancellationToken.None);
        var b = ExperimentRunner.Run(experiment with { Spec = kept }, data, 1, null, 0, CancellationToken.None);
        Rmse(a, 0).ShouldBe(Rmse(b, 0));
        Rmse(a, 1).ShouldNotBe(Rmse(b, 1));
    }

    [Fact]
    public void A_diverging_point_is_marked_failed_and_the_other_points_go_on()
    {
        using var folder = new TempDataFolder();
        var spec = SyntheticExperiment.Spec(epochs: 3, alphas: [1.0, 1e12, 2.0]);
        spec = spec with { Training = spec.Training with { Optimizer = new OptimizerSpec(OptimizerKind.Sgd, 0.01, 0, 0, 0, 0) } };
        var (experiment, data) = SyntheticExperiment.Prepare(folder, spec);
        var result = ExperimentRunner.Run(experiment, data, 2, null, 0, CancellationToken.None);

        result.Sweep.Select(run => run.Succeeded).ShouldBe([true, false, true]);
        result.Sweep[1].Failure!.ShouldContain("diverged");
        result.Pareto.ShouldNotContain(summary => summary.Point.Index == 1);
        var csv = CsvFormat.Write(ResultTables.Sweep(result)).Split('\n');
        csv[2].ShouldContain(",failed,");
        csv[2].ShouldContain("diverged");
        csv[1].ShouldContain(",ok,");
    }

    [Fact]
    public void Progress_counts_every_model()
    {
        using var folder = new TempDataFolder();
        var (experiment, data) = SyntheticExperiment.Prepare(folder, SyntheticExperiment.Spec(epochs: 1));
        var reports = new List<FairMtl.Execution.ModelProgress>();
        var progress = new SynchronousProgress(report => { lock (reports) { reports.Add(report); } });
        ExperimentRunner.Run(experiment, data, 2, progress, 0, CancellationToken.None);
        reports.Count.ShouldBe(4);
        reports.Select(r => r.Finished).Order().ShouldBe([1, 2, 3, 4]);
        reports.ShouldAllBe(r => r.Total == 4);
    }

    [Fact]
    public void Cancellation_stops_the_run()
    {
        using var folder = new TempDataFolder();
        var (experiment, data) = SyntheticExperiment.Prepare(folder, SyntheticExperiment.Spec(epochs: 1_000_000));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Should.Throw<OperationCanceledException>(() => ExperimentRunner.Run(experiment, data, 2, null, 0, cancel.Token));
    }

    private static double Rmse(ExperimentResult result, int point) =>
        result.Sweep.Single(run => run.Point!.Index == point).Metrics!.Errors.Overall.Rmse;

    private sealed class SynchronousProgress(Action<FairMtl.Execution.ModelProgress> handler) : IProgress<FairMtl.Execution.ModelProgress>
    {
        public void Report(FairMtl.Execution.ModelProgress value) => handler(value);
    }
}
