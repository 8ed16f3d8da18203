using FairMtl.Evaluation.Statistics;
using FairMtl.Reports;
using FairMtl.Reports.Stored;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Tests.Data;
using FairMtl.Tests.Training;

namespace FairMtl.Tests.Conditional;

public class ConditionalSweepTests
{
    private static readonly double[] Alphas = [0.5, 2.5, 4.5];

    private static ExperimentSpec Spec(ConditionalSampling sampling = ConditionalSampling.PerRow, bool film = true, int grid = 5)
    {
        var spec = SyntheticExperiment.Spec(epochs: 2, alphas: Alphas, seeds: [1, 2]);
        return spec with { Sweep = spec.Sweep with { Conditional = new ConditionalSpec(sampling, ConditionalDistribution.Uniform, film, 6, grid) } };
    }

    [Fact]
    public void One_model_per_seed_is_scored_at_every_point_and_on_the_grid_and_its_steps_count_once()
    {
        using var folder = new TempDataFolder();
        var (experiment, data) = SyntheticExperiment.Prepare(folder, Spec());

        var result = ExperimentRunner.Run(experiment, data, 2, null, 0, CancellationToken.None);

        result.Plan.Units.Count.ShouldBe(4);
        result.Plan.RunCount.ShouldBe(4);
        result.Sweep.Select(run => (run.Seed, run.Point!.Values[0])).ShouldBe([(1, 0.5), (1, 2.5), (1, 4.5), (2, 0.5), (2, 2.5), (2, 4.5)]);
        result.Sweep.ShouldAllBe(run => run.Succeeded && run.Epochs == 6);
        result.Grid.Select(run => run.Point!.Values[0]).ShouldBe([0.5, 1.5, 2.5, 3.5, 4.5, 0.5, 1.5, 2.5, 3.5, 4.5]);
        result.Grid.Select(run => run.Point!.Index).Distinct().ShouldBe([3, 4, 5, 6, 7]);

        // The grid's ends and middle are the sweep's own points: the same model at the same alpha scores the same.
        foreach (var seed in new[] { 1, 2 })
        {
            foreach (var alpha in Alphas)
            {
                result.Grid.Single(run => run.Seed == seed && run.Point!.Values[0] == alpha).Metrics
                    .ShouldBe(result.Sweep.Single(run => run.Seed == seed && run.Point!.Values[0] == alpha).Metrics);
            }
        }

        // Different alphas give different predictions (the condition reaches the model), and steps count once per model.
        result.Sweep.Where(run => run.Seed == 1).Select(run => run.Metrics!.Errors.Overall.Get(ErrorMetric.Mse)).Distinct().Count().ShouldBe(3);
        var perModel = result.Sweep[0].Steps;
        result.Timings.Steps.ShouldBe(result.Baseline.Sum(run => run.Steps) + (2 * perModel));
    }

    [Fact]
    public void Sampling_per_batch_or_per_row_and_film_each_change_the_model_and_a_rerun_changes_nothing()
    {
        using var folder = new TempDataFolder();
        var (experiment, data) = SyntheticExperiment.Prepare(folder, Spec());
        string Sweep(ExperimentSpec spec) => CsvFormat.Write(ResultTables.Sweep(ExperimentRunner.Run(experiment with { Spec = spec }, data, 1, null, 0, CancellationToken.None)));

        var perRow = Sweep(Spec());
        Sweep(Spec()).ShouldBe(perRow);
        ExperimentRunner.Run(experiment, data, 2, null, 0, CancellationToken.None).Sweep.Select(run => run.Metrics)
            .ShouldBe(ExperimentRunner.Run(experiment, data, 1, null, 0, CancellationToken.None).Sweep.Select(run => run.Metrics));
        Sweep(Spec(ConditionalSampling.PerBatch)).ShouldNotBe(perRow);
        Sweep(Spec(film: false)).ShouldNotBe(perRow);
    }

    [Fact]
    public void The_tables_grid_and_fronts_comparison_read_back_from_the_written_files()
    {
        using var folder = new TempDataFolder();
        var (experiment, data) = SyntheticExperiment.Prepare(folder, Spec());
        var conditional = ExperimentRunner.Run(experiment, data, 2, null, 0, CancellationToken.None);
        var perPoint = ExperimentRunner.Run(experiment with { Spec = SyntheticExperiment.Spec(epochs: 2, alphas: Alphas, seeds: [1, 2]) }, data, 2, null, 0, CancellationToken.None);
        var version = new CodeVersion("test", null);
        var conditionalFolder = Path.Combine(folder.Path, "conditional");
        var perPointFolder = Path.Combine(folder.Path, "per-point");
        ResultWriter.Write(conditional, conditionalFolder, version).Select(Path.GetFileName).ShouldContain("grid.csv");
        ResultWriter.Write(perPoint, perPointFolder, version).Select(Path.GetFileName).ShouldNotContain("grid.csv");
        ResultTables.Sweep(conditional).Title.ShouldStartWith("Sweep (conditional: one model per seed, per-row uniform draws, FiLM, 6 epochs)");

        using var a = StoredResults.Open(conditionalFolder);
        using var b = StoredResults.Open(perPointFolder);
        var stored = StoredSweep.Read(a);
        stored.IsConditional.ShouldBeTrue();
        stored.Grid.Count.ShouldBe(5);
        var comparison = FrontComparison.Of(a, b);

        comparison.Seeds.ShouldBe([1, 2]);
        var pareto = experiment.Spec.Evaluation.Pareto;
        var pair = (pareto.Disparity, pareto.Error);
        double Hypervolume(ExperimentResult result, int seed)
        {
            var baseline = perPoint.Baseline.Single(run => run.Seed == seed).Metrics!.Errors;
            return FairMtl.Evaluation.Statistics.Hypervolume.Of(
                result.Sweep.Where(run => run.Seed == seed).Select(run => (run.Metrics!.Errors.Disparity(pair.Item1), run.Metrics.Errors.Overall.Get(pair.Item2))).ToArray(),
                (baseline.Disparity(pair.Item1), baseline.Overall.Get(pair.Item2)));
        }

        comparison.ComparedHypervolumes.ShouldBe([Hypervolume(conditional, 1), Hypervolume(conditional, 2)], 1e-12);
        comparison.ReferenceHypervolumes.ShouldBe([Hypervolume(perPoint, 1), Hypervolume(perPoint, 2)], 1e-12);
        comparison.Steps.ShouldBe((2 * conditional.Sweep[0].Steps, perPoint.Sweep.Sum(run => run.Steps)));
        var first = comparison.Points[0];
        first.Point.ShouldBe("0.5");
        first.Error.Mean.ShouldBe(
            new[] { 1, 2 }.Average(seed => conditional.Sweep.Single(run => run.Seed == seed && run.Point!.Index == 0).Metrics!.Errors.Overall.Get(pareto.Error)
                - perPoint.Sweep.Single(run => run.Seed == seed && run.Point!.Index == 0).Metrics!.Errors.Overall.Get(pareto.Error)),
            1e-12);
        FrontComparisonTables.Points(comparison).Rows.Count.ShouldBe(3);
    }
}
