using FairMtl.Conditional;
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
/// The regression sweep as an experiment kind: the plan's units are a baseline per seed and the sweep's warm-start
/// blocks (a block is one point in the independent regime); a unit trains from its seed alone, so results do not
/// depend on the thread count or the schedule.
/// </summary>
public sealed class RegressionSweepKind : IStorableKind<TrainingUnit, RunResult[], ExperimentResult>
{
    private readonly LoadedExperiment _experiment;
    private readonly PreparedData _data;
    private readonly Dictionary<int, PreparedData>? _perSeed;
    private readonly ILossWeighting _weighting;
    private readonly string? _compiledName;
    private readonly SweepPlan _plan;
    private readonly double _loadSeconds;

    /// <summary>The sweep of <paramref name="experiment"/> on its prepared data.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="data">Its prepared data.</param>
    /// <param name="loadSeconds">Time spent loading, for the timings record.</param>
    /// <param name="weighting">The loss weighting as compiled by the source generator; null interprets the spec's
    /// <see cref="ExperimentSpec.Loss"/> expression (with bit-identical results). Given, the experiment runs as compiled:
    /// its trainers are told its name (<see cref="TrainerSettings.Experiment"/>), so that an engine can train the model the
    /// source generator wrote for it.</param>
    public RegressionSweepKind(LoadedExperiment experiment, PreparedData data, double loadSeconds, ILossWeighting? weighting = null)
    {
        _experiment = experiment;
        _data = data;
        _loadSeconds = loadSeconds;
        var spec = experiment.Spec;
        _plan = SweepPlan.Create(spec);
        _weighting = weighting ?? WeightingExpression.Parse(spec.Loss).Compile(
            spec.Heads.Select(head => head.Name).ToArray(),
            spec.Sweep.Variables.Select(variable => variable.Name).ToArray());
        _compiledName = weighting is null ? null : spec.Name;
        _perSeed = SplitsPerSeed(experiment, data);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrainingUnit> Units => _plan.Units;

    /// <inheritdoc/>
    public int Models => _plan.RunCount;

    private ExperimentSpec Spec => _experiment.Spec;

    /// <inheritdoc/>
    public RunResult[] Train(TrainingUnit unit, Action modelFinished, CancellationToken cancellationToken)
    {
        var data = _perSeed?[unit.Seed] ?? _data;
        if (!unit.IsBaseline && _plan.IsConditional)
        {
            var conditional = TrainConditional(Spec, _compiledName, data, unit, _weighting, _plan.Points, cancellationToken);
            modelFinished();
            return conditional;
        }

        if (!unit.IsBaseline)
        {
            return TrainBlock(Spec, _compiledName, data, unit, _weighting, cancellationToken, _ => modelFinished());
        }

        var baseline = TrainBaseline(Spec, _compiledName, data, unit.Seed, cancellationToken);
        modelFinished();
        return [baseline];
    }

    /// <inheritdoc/>
    /// <remarks>A unit's numbers do not depend on the seed list, the sweep's values (its own seed and points are in its
    /// key), the baseline settings (in the baseline units' keys), or the Pareto and significance settings (applied when
    /// summarising).</remarks>
    public Store.StoredExperiment Describe()
    {
        var (spec, basis) = (SpecTexts ?? Task.FromResult(TextsOf(Spec))).GetAwaiter().GetResult();
        return new Store.StoredExperiment(Spec.Name, "sweep", spec, basis, _data.Provenance.Files.Select(file => file.Sha256).ToArray(), Spec.Training.Engine);
    }

    /// <summary>
    /// <see cref="Describe"/>'s spec and basis texts when they were started elsewhere: the host computes them on the
    /// idle core while the data loads (they need only the spec).
    /// </summary>
    public Task<(string Spec, string Basis)>? SpecTexts { get; init; }

    /// <summary>The spec and basis texts of <see cref="Describe"/> for <paramref name="spec"/>.</summary>
    public static (string Spec, string Basis) TextsOf(ExperimentSpec spec)
    {
        var basis = spec with
        {
            Name = string.Empty,
            Description = string.Empty,
            Sweep = spec.Sweep with
            {
                Seeds = EquatableArray<int>.Empty,
                Variables = new EquatableArray<SweepVariable>(spec.Sweep.Variables.Select(variable => variable with { Values = EquatableArray<double>.Empty })),
            },
            Baseline = new BaselineSpec(false, EquatableArray<string>.Empty, 0),
            Evaluation = spec.Evaluation with { Pareto = new ParetoSpec(default, default), Significance = 0, HypervolumeReference = EquatableArray<double>.Empty },
        };
        return (Store.CanonicalJson.Write(spec), Store.CanonicalJson.Write(basis));
    }

    /// <inheritdoc/>
    public string UnitKey(TrainingUnit unit) => SweepUnitText.Key(unit, Spec.Baseline);

    /// <inheritdoc/>
    public string WriteResult(RunResult[] result) => SweepUnitText.Write(result);

    /// <inheritdoc/>
    public int ModelsIn(TrainingUnit unit) => _plan.ModelsIn(unit);

    /// <inheritdoc/>
    public RunResult[] Missing(TrainingUnit unit, string reason) =>
        unit.IsBaseline
            ? [new RunResult(unit.Seed, null, -1, 0, 0, null, reason)]
            : unit.Points.Select(point => new RunResult(unit.Seed, point, unit.Block, 0, 0, null, reason)).ToArray();

    /// <inheritdoc/>
    public string? FailureOf(RunResult[] result) => result.Select(run => run.Failure).FirstOrDefault(failure => failure is not null);

    /// <inheritdoc/>
    public ExperimentResult Summarize(ScheduledRun<RunResult[]> run)
    {
        var results = run.Results;
        var units = _plan.Units;
        var baseline = units.Select((unit, i) => (unit, i)).Where(x => x.unit.IsBaseline).SelectMany(x => results[x.i]).ToArray();
        var trained = units.Select((unit, i) => (unit, i)).Where(x => !x.unit.IsBaseline).SelectMany(x => results[x.i]).ToArray();
        var declared = _plan.Points.Count;
        var sweep = trained.Where(result => result.Point!.Index < declared).ToArray();
        var grid = trained.Where(result => result.Point!.Index >= declared).ToArray();
        var points = PointSummary.Summarize(_plan.Points, sweep);
        var metric = Spec.Evaluation.Pareto;
        var front = ParetoFront.NonDominated(points.Select(p => (p.Disparity.Get(metric.Disparity), p.Overall.Get(metric.Error))).ToArray());
        // A conditional unit's results are one model's: its steps count once.
        var steps = _plan.IsConditional
            ? baseline.Sum(result => result.Steps) + units.Select((unit, i) => unit.IsBaseline ? 0 : results[i].Select(result => result.Steps).DefaultIfEmpty(0).Max()).Sum()
            : baseline.Concat(sweep).Sum(result => result.Steps);
        return new ExperimentResult(
            _experiment,
            _data,
            _plan,
            baseline,
            sweep,
            points,
            front.Select(i => points[i]).ToArray(),
            run.Timings(_loadSeconds, steps))
        {
            Grid = grid,
        };
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


    private static RunResult TrainBaseline(ExperimentSpec spec, string? compiledName, PreparedData data, int seed, CancellationToken cancellationToken)
    {
        var heads = spec.Baseline.Heads.Select(name => spec.FindHead(name)!).ToArray();
        var network = CreateNetwork(spec, data, heads, seed);
        using var trainer = CreateTrainer(spec, compiledName, data, network, seed);
        var outcome = trainer.Train(
            new SumOfLosses(), spec.Baseline.Epochs, spec.Training.EarlyStopping,
            DeterministicRandom.ForStream(seed, "shuffle"), DeterministicRandom.ForStream(seed, "dropout"), cancellationToken);
        return Score(spec, data, network, seed, null, -1, outcome);
    }

    private static RunResult[] TrainBlock(
        ExperimentSpec spec,
        string? compiledName,
        PreparedData data,
        TrainingUnit unit,
        ILossWeighting weighting,
        CancellationToken cancellationToken,
        Action<RunResult> finished)
    {
        var network = CreateNetwork(spec, data, spec.Heads.ToArray(), unit.Seed);
        using var trainer = CreateTrainer(spec, compiledName, data, network, unit.Seed);
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
                trainer.ResetOptimizer();
            }

            var objective = new WeightedLoss(weighting, point.Values.ToArray());
            var outcome = trainer.Train(objective, spec.Training.Epochs, spec.Training.EarlyStopping, shuffle, dropout, cancellationToken);
            results[i] = Score(spec, data, network, unit.Seed, point, unit.Block, outcome);
            if (!results[i].Succeeded)
            {
                blockFailure = $"not trained: the previous point of warm-start block {unit.Block} failed";
            }

            finished(results[i]);
        }

        return results;
    }

    /// <summary>
    /// A seed's loss-conditional model (<c>sweep.conditional</c>): trained once with the variables drawn per batch or row,
    /// then scored at every point of <paramref name="unit"/> and of the fine grid; every result carries the one model's
    /// epochs and steps.
    /// </summary>
    private static RunResult[] TrainConditional(
        ExperimentSpec spec,
        string? compiledName,
        PreparedData data,
        TrainingUnit unit,
        ILossWeighting weighting,
        IReadOnlyList<SweepPoint> points,
        CancellationToken cancellationToken)
    {
        var conditional = spec.Sweep.Conditional!;
        var variables = spec.Sweep.Variables.Count;
        var conditioned = ConditionedData.Create(data, variables);
        var network = MultiHeadNetwork.For(
            data.FeatureColumns, spec.Data.Embeddings, spec.Model, spec.Heads.ToArray(), spec.Training.BatchSize, variables, conditional.Film);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(unit.Seed, "init"));
        var sampler = new ConditionSampler(spec.Sweep, points, DeterministicRandom.ForStream(unit.Seed, "condition"), network.MaxRows);
        using var trainer = TrainingEngines.Create(
            spec.Training.Engine,
            network,
            conditioned.Data.Train,
            conditioned.Data.Validation,
            new TrainerSettings(spec.Training.BatchSize, spec.Training.Optimizer, spec.Model.Init, unit.Seed, compiledName, Conditioner: sampler));
        var outcome = trainer.Train(
            new ConditionalLoss(network, weighting, sampler),
            conditional.Epochs,
            null,
            DeterministicRandom.ForStream(unit.Seed, "shuffle"),
            DeterministicRandom.ForStream(unit.Seed, "dropout"),
            cancellationToken);
        var evaluated = unit.Points.Concat(ConditionalGrid.Points(spec.Sweep, points.Count)).ToArray();
        var results = new RunResult[evaluated.Length];
        var encoded = new float[variables];
        for (var i = 0; i < evaluated.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sampler.Encode(evaluated[i].Values, encoded);
            conditioned.SetTestCondition(encoded);
            results[i] = Score(spec, conditioned.Data, network, unit.Seed, evaluated[i], unit.Block, outcome);
        }

        return results;
    }

    private static MultiHeadNetwork CreateNetwork(ExperimentSpec spec, PreparedData data, IReadOnlyList<HeadSpec> heads, int seed)
    {
        var network = MultiHeadNetwork.For(data.FeatureColumns, spec.Data.Embeddings, spec.Model, heads, spec.Training.BatchSize);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(seed, "init"));
        return network;
    }

    /// <summary>A trainer of <paramref name="network"/> on the spec's engine; <paramref name="compiledName"/> is the
    /// experiment's name when it runs as compiled (null: read at run time).</summary>
    private static IUnitTrainer CreateTrainer(ExperimentSpec spec, string? compiledName, PreparedData data, MultiHeadNetwork network, int seed) =>
        TrainingEngines.Create(
            spec.Training.Engine,
            network,
            data.Train,
            data.Validation,
            new TrainerSettings(spec.Training.BatchSize, spec.Training.Optimizer, spec.Model.Init, seed, compiledName));

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
