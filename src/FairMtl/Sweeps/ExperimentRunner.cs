using FairMtl.Data;
using FairMtl.Evaluation;
using FairMtl.Execution;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Sweeps;

/// <summary>
/// Trains every unit of a sweep plan, in parallel across units, and collects the results in plan order. A unit's
/// random streams depend only on its seed, so results do not depend on the thread count or the schedule.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Runs the experiment on prepared data.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="data">Its prepared data.</param>
    /// <param name="threads">Units trained at once (at least 1).</param>
    /// <param name="progress">Receives one report per finished model.</param>
    /// <param name="loadSeconds">Time spent loading, for the timings record.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <param name="weighting">The loss weighting as compiled by the source generator; null interprets the spec's
    /// <see cref="ExperimentSpec.Loss"/> expression (with bit-identical results).</param>
    /// <param name="maxModels">More models than this is FMTL018, before anything is planned.</param>
    public static ExperimentResult Run(
        LoadedExperiment experiment,
        PreparedData data,
        int threads,
        IProgress<RunProgress>? progress,
        double loadSeconds,
        CancellationToken cancellationToken,
        ILossWeighting? weighting = null,
        long maxModels = InputLimits.DefaultMaxModels)
    {
        ModelCount.Check(experiment, maxModels);
        var spec = experiment.Spec;
        var plan = SweepPlan.Create(spec);
        weighting ??= WeightingExpression.Parse(spec.Loss).Compile(
            spec.Heads.Select(head => head.Name).ToArray(),
            spec.Sweep.Variables.Select(variable => variable.Name).ToArray());
        var total = plan.RunCount;
        var perSeed = SplitsPerSeed(experiment, data);
        PreparedData DataFor(int seed) => perSeed?[seed] ?? data;
        var scheduled = UnitScheduler.Run(plan.Units, threads, (unit, counter) =>
        {
            void Finished(RunResult run) => progress?.Report(new RunProgress(counter.Finished(), total, run));
            if (!unit.IsBaseline)
            {
                return TrainBlock(spec, DataFor(unit.Seed), unit, weighting, cancellationToken, Finished);
            }

            var baselineRun = TrainBaseline(spec, DataFor(unit.Seed), unit.Seed, cancellationToken);
            Finished(baselineRun);
            return new[] { baselineRun };
        }, cancellationToken);
        var results = scheduled.Results;

        var baseline = plan.Units.Select((unit, i) => (unit, i)).Where(x => x.unit.IsBaseline).SelectMany(x => results[x.i]).ToArray();
        var sweep = plan.Units.Select((unit, i) => (unit, i)).Where(x => !x.unit.IsBaseline).SelectMany(x => results[x.i]).ToArray();
        var points = PointSummary.Summarize(plan.Points, sweep);
        var metric = spec.Evaluation.Pareto;
        var front = ParetoFront.NonDominated(points.Select(p => (p.Disparity.Get(metric.Disparity), p.Overall.Get(metric.Error))).ToArray());
        var steps = baseline.Concat(sweep).Sum(run => run.Steps);
        return new ExperimentResult(
            experiment,
            data,
            plan,
            baseline,
            sweep,
            points,
            front.Select(i => points[i]).ToArray(),
            scheduled.Timings(loadSeconds, steps));
    }

    /// <summary>With <c>sweep.split: per-seed</c>, each seed's data split with that seed (the declared split's data
    /// reused for its own seed); else null: every seed uses <paramref name="data"/>.</summary>
    private static Dictionary<int, PreparedData>? SplitsPerSeed(LoadedExperiment experiment, PreparedData data)
    {
        var spec = experiment.Spec;
        if (!spec.Sweep.SplitPerSeed)
        {
            return null;
        }

        return spec.Sweep.Seeds.Distinct().ToDictionary(
            seed => seed,
            seed => seed == spec.Data.Split.Seed
                ? data
                : DataPreparation.Prepare(experiment with { Spec = spec with { Data = spec.Data with { Split = spec.Data.Split with { Seed = seed } } } }));
    }


    private static RunResult TrainBaseline(ExperimentSpec spec, PreparedData data, int seed, CancellationToken cancellationToken)
    {
        var heads = spec.Baseline.Heads.Select(name => spec.FindHead(name)!).ToArray();
        var network = CreateNetwork(spec, data, heads, seed);
        var trainer = new ModelTrainer(network, data.Train, data.Validation, spec.Training.BatchSize);
        var optimizer = OptimizerFactory.Create(spec.Training.Optimizer, network.Parameters);
        var outcome = trainer.Train(
            optimizer, new SumOfLosses(), spec.Baseline.Epochs, spec.Training.EarlyStopping,
            DeterministicRandom.ForStream(seed, "shuffle"), DeterministicRandom.ForStream(seed, "dropout"), cancellationToken);
        return Score(spec, data, network, seed, null, -1, outcome);
    }

    private static RunResult[] TrainBlock(
        ExperimentSpec spec,
        PreparedData data,
        TrainingUnit unit,
        ILossWeighting weighting,
        CancellationToken cancellationToken,
        Action<RunResult> finished)
    {
        var network = CreateNetwork(spec, data, spec.Heads.ToArray(), unit.Seed);
        var trainer = new ModelTrainer(network, data.Train, data.Validation, spec.Training.BatchSize);
        var optimizer = OptimizerFactory.Create(spec.Training.Optimizer, network.Parameters);
        var shuffle = DeterministicRandom.ForStream(unit.Seed, "shuffle");
        var dropout = DeterministicRandom.ForStream(unit.Seed, "dropout");
        var results = new RunResult[unit.Points.Count];
        string? blockFailure = null;
        for (var i = 0; i < unit.Points.Count; i++)
        {
            var point = unit.Points[i];
            if (blockFailure is not null)
            {
                results[i] = new RunResult(unit.Seed, point, unit.Block, 0, 0, null, blockFailure);
                finished(results[i]);
                continue;
            }

            if (i == 0 || !spec.Training.Regime.KeepOptimizerState)
            {
                optimizer.Reset();
            }

            var objective = new WeightedLoss(weighting, point.Values.ToArray());
            var outcome = trainer.Train(optimizer, objective, spec.Training.Epochs, spec.Training.EarlyStopping, shuffle, dropout, cancellationToken);
            results[i] = Score(spec, data, network, unit.Seed, point, unit.Block, outcome);
            if (!results[i].Succeeded)
            {
                blockFailure = $"not trained: the previous point of warm-start block {unit.Block} failed";
            }

            finished(results[i]);
        }

        return results;
    }

    private static MultiHeadNetwork CreateNetwork(ExperimentSpec spec, PreparedData data, IReadOnlyList<HeadSpec> heads, int seed)
    {
        var network = new MultiHeadNetwork(data.FeatureNames.Count, spec.Model, heads, spec.Training.BatchSize);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(seed, "init"));
        return network;
    }

    private static RunResult Score(
        ExperimentSpec spec, PreparedData data, MultiHeadNetwork network, int seed, SweepPoint? point, int block, TrainingOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            return new RunResult(seed, point, block, outcome.Epochs, outcome.Steps, null, outcome.Failure);
        }

        var metrics = ModelEvaluation.Evaluate(network, data, spec.Evaluation.Head);
        return metrics.IsFinite
            ? new RunResult(seed, point, block, outcome.Epochs, outcome.Steps, metrics, null)
            : new RunResult(seed, point, block, outcome.Epochs, outcome.Steps, null, "test metrics are not finite (the model's predictions overflowed)");
    }
}

/// <summary>Progress of a run: models finished so far out of all models.</summary>
public sealed record RunProgress(int Finished, int Total, RunResult Last) : IProgressCount;
