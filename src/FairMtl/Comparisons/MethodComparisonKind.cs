using FairMtl.Evaluation;
using FairMtl.Evaluation.Classification;
using FairMtl.Execution;
using FairMtl.MultiTask;
using FairMtl.Spec;

namespace FairMtl.Comparisons;

/// <summary>
/// A method comparison as an experiment kind: every method in every repetition, and every front method at every
/// lambda, as independent units. A unit's random streams derive from the repetition's seed only, so all methods of a
/// repetition share the split, the initial trunk and the batch order (a paired design), and results do not depend on
/// threads.
/// </summary>
public sealed class MethodComparisonKind : IStorableKind<ComparisonUnit, ComparisonRun, ComparisonResult>
{
    private readonly LoadedComparison _experiment;
    private readonly LoadedRepetitions _loaded;
    private readonly ComparisonUnit[] _units;
    private readonly string[] _tasks;

    private MethodComparisonKind(LoadedComparison experiment, LoadedRepetitions loaded)
    {
        _experiment = experiment;
        _loaded = loaded;
        _units = Plan((MethodComparisonSpec)experiment.Spec);
        _tasks = experiment.Spec.Tasks.Select(t => t.Name).ToArray();
    }

    /// <inheritdoc/>
    public IReadOnlyList<ComparisonUnit> Units => _units;

    /// <inheritdoc/>
    public int Models => _units.Length;

    private MethodComparisonSpec Spec => (MethodComparisonSpec)_experiment.Spec;

    /// <summary>Loads the comparison's data and its repetitions' splits; bad data is reported (as a
    /// <see cref="Diagnostics.FairMtlException"/>) here, before any training starts.</summary>
    public static MethodComparisonKind Load(LoadedComparison experiment)
    {
        if (experiment.Spec is not MethodComparisonSpec)
        {
            throw new ArgumentException($"'{experiment.Spec.Name}' is a {experiment.Spec.GetType().Name}, not a method comparison.", nameof(experiment));
        }

        return new MethodComparisonKind(experiment, LoadedRepetitions.Load(experiment));
    }

    /// <summary>The units in a fixed order: per repetition, the table's methods, then the front's (method, lambda) pairs,
    /// or, for a conditional front, one unit per front method (its model scored at every lambda).</summary>
    public static ComparisonUnit[] Plan(MethodComparisonSpec spec)
    {
        var units = new List<ComparisonUnit>();
        for (var r = 0; r < spec.Protocol.Repetitions; r++)
        {
            units.AddRange(spec.Methods.Select(m => new ComparisonUnit(m, m.Lambda, false, r)));
            foreach (var name in spec.Front.Methods)
            {
                var method = spec.Methods.First(m => m.Name == name);
                if (spec.Front.Conditional is not null)
                {
                    units.Add(new ComparisonUnit(method, method.Lambda, true, r, Conditional: true));
                    continue;
                }

                units.AddRange(spec.Front.Lambdas.Select(lambda => new ComparisonUnit(method, lambda, true, r)));
            }
        }

        return units.ToArray();
    }

    /// <inheritdoc/>
    public ComparisonRun Train(ComparisonUnit unit, Action modelFinished, CancellationToken cancellationToken)
    {
        var run = unit.Conditional
            ? ConditionalFront.Train(Spec, _loaded.Data, _loaded.Repetitions[unit.Repetition], unit.Method, _tasks, cancellationToken)
            : Train(
            Spec, _experiment.CompiledName, _loaded.Data, _loaded.Repetitions[unit.Repetition], unit.Method with { Lambda = unit.Lambda }, unit.IsFront, _tasks, cancellationToken);
        modelFinished();
        return run;
    }

    /// <inheritdoc/>
    /// <remarks>A unit's numbers do not depend on the other methods, the front's lambdas or the number of repetitions
    /// (its method, lambda and repetition are in its key).</remarks>
    public Store.StoredExperiment Describe()
    {
        var spec = Spec;
        return _loaded.Describe(
            spec, spec with { Front = new FrontSpec(EquatableArray<string>.Empty, EquatableArray<double>.Empty, default, string.Empty) }, "comparison");
    }

    /// <inheritdoc/>
    /// <remarks>A conditional unit's model also depends on the front's lambdas (their range, or the points it draws)
    /// and its conditional settings, which the experiment's basis leaves out with the rest of the front: its key has
    /// them.</remarks>
    public string UnitKey(ComparisonUnit unit) => unit.Conditional
        ? Store.CanonicalJson.Write(unit) + " " + Store.CanonicalJson.Write(Spec.Front.AsSweep())
        : Store.CanonicalJson.Write(unit);

    /// <inheritdoc/>
    public int ModelsIn(ComparisonUnit unit) => 1;

    /// <inheritdoc/>
    public ComparisonRun Missing(ComparisonUnit unit, string reason) =>
        new(unit.Method.Name, unit.Lambda, unit.IsFront, unit.Repetition, _loaded.Repetitions[unit.Repetition].Seed, 0, 0, null, reason);

    /// <summary>The runs behind the tables: a conditional unit's run at each lambda (failed at each when its model
    /// failed), every other unit's run as it is.</summary>
    private IEnumerable<ComparisonRun> Expand(IReadOnlyList<ComparisonRun> results)
    {
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (!_units[i].Conditional)
            {
                yield return result;
                continue;
            }

            foreach (var lambda in Spec.Front.Lambdas)
            {
                yield return result.Points?.FirstOrDefault(point => point.Lambda == lambda)
                    ?? result with { Lambda = lambda, Metrics = null, Failure = result.Failure ?? "the conditional model has no run at this lambda", Points = null, Grid = null };
            }
        }
    }

    /// <inheritdoc/>
    public string? FailureOf(ComparisonRun result) => result.Failure;

    /// <inheritdoc/>
    public ComparisonResult Summarize(ScheduledRun<ComparisonRun> run)
    {
        var spec = Spec;
        var data = _loaded.Data;
        var runs = Expand(run.Results).ToArray();
        var columns = MetricColumn.For(_tasks, data.Attributes.Select(a => a.Name).ToArray());
        var methods = spec.Methods
            .Select(m => MethodSummary.Of(m.Name, m.Lambda, runs.Where(r => !r.IsFront && r.Method == m.Name).ToArray(), columns.Count))
            .ToArray();
        var ranked = MetricColumn.Ranked(columns, spec.Evaluation?.Ranking ?? default);
        var higher = ranked.Select(c => columns[c].HigherIsBetter).ToArray();
        var table = new double[methods.Length, ranked.Length];
        for (var m = 0; m < methods.Length; m++)
        {
            for (var c = 0; c < ranked.Length; c++)
            {
                table[m, c] = methods[m].Means[ranked[c]];
            }
        }

        var ranks = MethodComparison.MeanRanks(table, higher);
        var baseline = spec.Methods.FirstOrDefault(m => m.Kind == MethodKind.SingleTask);
        var baselineMeans = baseline is null ? null : RankedMeans(methods.First(m => m.Method == baseline.Name));
        var deltas = methods.Select(m => baselineMeans is null ? double.NaN : MethodComparison.DeltaM(RankedMeans(m), baselineMeans, higher)).ToArray();
        double[] RankedMeans(MethodSummary summary) => ranked.Select(c => summary.Means[c]).ToArray();

        var front = spec.Front.Methods
            .SelectMany(name => spec.Front.Lambdas.Select(lambda => MethodSummary.Of(
                name, lambda, runs.Where(r => r.IsFront && r.Method == name && r.Lambda == lambda).ToArray(), columns.Count)))
            .ToArray();
        var frontMetric = FrontMetricIndex(spec, columns);
        var onFront = new bool[front.Length];
        foreach (var name in spec.Front.Methods)
        {
            var rows = Enumerable.Range(0, front.Length).Where(i => front[i].Method == name).ToArray();
            var points = rows.Select(i => (front[i].Means[frontMetric], 1d - front[i].Means[0])).ToArray();
            foreach (var k in ParetoFront.NonDominated(points))
            {
                onFront[rows[k]] = true;
            }
        }

        // A conditional unit's runs share one model: its steps count once.
        var steps = run.Results.Sum(r => r.Steps);
        var gridRuns = run.Results.SelectMany(r => r.Grid ?? []).ToArray();
        var grid = spec.Front.Methods
            .SelectMany(name => gridRuns.Where(r => r.Method == name).Select(r => r.Lambda).Distinct().Select(lambda => MethodSummary.Of(
                name, lambda, gridRuns.Where(r => r.Method == name && r.Lambda == lambda).ToArray(), columns.Count)))
            .ToArray();
        return new ComparisonResult(
            _experiment,
            columns,
            runs,
            methods,
            ranks,
            deltas,
            baseline?.Name,
            front,
            onFront,
            frontMetric,
            data.Table.Rows,
            data.Table.RowsRead,
            data.Table.FilteredOut,
            data.Table.DroppedMissing,
            data.Table.FeatureNames,
            data.Table.Files,
            run.Timings(_loaded.LoadSeconds, steps))
        {
            Grid = grid,
        };
    }

    private static ComparisonRun Train(
        ComparisonSpec spec,
        string? compiledName,
        ComparisonData data,
        RepetitionData repetition,
        MethodSpec method,
        bool isFront,
        string[] tasks,
        CancellationToken cancellationToken)
    {
        var plan = MethodNetwork.For(method, spec, data.Attributes);
        var (network, outcome) = UnitTraining.Train(
            spec, data.Table.FeatureColumns, repetition, plan, tasks, cancellationToken, new TrainedMethod(method, null, data.Attributes), compiledName);
        if (!outcome.Succeeded)
        {
            return new ComparisonRun(method.Name, method.Lambda, isFront, repetition.Repetition, repetition.Seed, outcome.Epochs, outcome.Steps, null, outcome.Failure);
        }

        var logits = TaskScores.Logits(network, plan, repetition.Test, tasks.Length);
        var eod = (spec as MethodComparisonSpec)?.Evaluation?.Eod ?? EodDefinition.Max;
        var metrics = RunScores.Of(logits, repetition, spec.Tasks.ToArray(), data.Attributes, eod);
        return new ComparisonRun(method.Name, method.Lambda, isFront, repetition.Repetition, repetition.Seed, outcome.Epochs, outcome.Steps, metrics, null);
    }

    private static int FrontMetricIndex(MethodComparisonSpec spec, IReadOnlyList<MetricColumn> columns)
    {
        var kind = spec.Front.Fairness switch
        {
            FairnessMetric.Eod => MetricColumn.Eod,
            FairnessMetric.Eopd => MetricColumn.Eopd,
            FairnessMetric.FprGap => MetricColumn.FprGap,
            FairnessMetric.Gaucd => MetricColumn.Gaucd,
            _ => MetricColumn.DpGap,
        };
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Kind == kind && columns[c].Attribute == spec.Front.Attribute)
            {
                return c;
            }
        }

        return -1;
    }
}

/// <summary>One model of a comparison: a method (at a front lambda) in a repetition.</summary>
/// <param name="Method">The method.</param>
/// <param name="Lambda">Its lambda (the method's own, or a front point's).</param>
/// <param name="IsFront">Whether the unit is a point of the lambda front rather than a row of the methods table.</param>
/// <param name="Repetition">The repetition (its split and seed).</param>
/// <param name="Conditional">Whether the unit trains one loss-conditional model for the whole front (scored at every
/// lambda) instead of one model at <paramref name="Lambda"/>.</param>
public sealed record ComparisonUnit(MethodSpec Method, double Lambda, bool IsFront, int Repetition, bool Conditional = false);
