using FairMtl.Comparisons;
using FairMtl.Evaluation.Classification;
using FairMtl.Evaluation.MultiTask;
using FairMtl.Execution;
using FairMtl.Spec;

namespace FairMtl.MultiTask;

/// <summary>
/// Runs a multi-task comparison (Wang et al., MTA-F): per repetition, a single-task reference model per task (same
/// trunk and head architecture, no fairness term) and every method at every sweep setting, as independent units in
/// parallel; then ARFG and ARE of every run against the references of its repetition, each method's ARFG-ARE front
/// and per-task fronts, and the paper's selected point.
/// </summary>
public sealed class MultiTaskComparisonKind : IStorableKind<MultiTaskUnit, MultiTaskRun, MultiTaskResult>
{
    private readonly LoadedComparison _experiment;
    private readonly LoadedRepetitions _loaded;
    private readonly MultiTaskUnit[] _units;
    private readonly IReadOnlyList<MultiTaskSetting> _settings;
    private readonly IReadOnlyList<MultiTaskSetting> _grid;

    private MultiTaskComparisonKind(LoadedComparison experiment, LoadedRepetitions loaded)
    {
        _experiment = experiment;
        _loaded = loaded;
        var sweep = ((MultiTaskSpec)experiment.Spec).Sweep;
        _settings = MultiTaskSweep.Settings(sweep, experiment.Spec.Tasks.Count);
        _grid = MultiTaskSweep.GridSettings(sweep, experiment.Spec.Tasks.Count, _settings.Count);
        Settings = _settings.Count;
        _units = Plan(experiment.Spec, _settings);
    }

    /// <summary>The sweep's settings (each method trains at every one).</summary>
    public int Settings { get; }

    /// <summary>The method a single-task reference trains: plain single-task learning, named in the tables as such.</summary>
    public static MethodSpec SingleTaskReference { get; } =
        new(MultiTaskRun.ReferenceMethod, MethodKind.SingleTask, FairnessLossKind.Glf, 0, 0, 0, string.Empty);

    /// <inheritdoc/>
    public IReadOnlyList<MultiTaskUnit> Units => _units;

    /// <inheritdoc/>
    public int Models => _units.Length;

    private ComparisonSpec Spec => _experiment.Spec;

    /// <summary>Loads the comparison's data and its repetitions' splits; bad data is reported here, before training.</summary>
    public static MultiTaskComparisonKind Load(LoadedComparison experiment)
    {
        if (experiment.Spec is not MultiTaskSpec)
        {
            throw new ArgumentException($"'{experiment.Spec.Name}' compares single-task-family methods; run it with {nameof(MethodComparisonKind)}.", nameof(experiment));
        }

        return new MultiTaskComparisonKind(experiment, LoadedRepetitions.Load(experiment, data => CheckAttributes(experiment, data)));
    }

    /// <inheritdoc/>
    public MultiTaskRun Train(MultiTaskUnit unit, Action modelFinished, CancellationToken cancellationToken)
    {
        var run = unit is ConditionalMethodUnit conditional
            ? ConditionalSettings.Train((MultiTaskSpec)Spec, _loaded.Data, _loaded.Repetitions[unit.Repetition], conditional.Method, _settings, _grid, cancellationToken)
            : Train(Spec, _experiment.CompiledName, _loaded.Data, _loaded.Repetitions[unit.Repetition], unit, cancellationToken);
        modelFinished();
        return run;
    }

    /// <inheritdoc/>
    /// <remarks>A unit's numbers do not depend on the other methods, the sweep that drew the settings (its setting is in
    /// its key) or the number of repetitions.</remarks>
    public Store.StoredExperiment Describe()
    {
        var spec = (MultiTaskSpec)Spec;
        return _loaded.Describe(spec, spec with { Sweep = null! }, "multi-task");
    }

    /// <inheritdoc/>
    /// <remarks>A conditional unit's model also depends on the sweep (its ranges and conditional settings, and the
    /// settings it is scored at), which the experiment's basis leaves out: its key has it.</remarks>
    public string UnitKey(MultiTaskUnit unit) => unit is ConditionalMethodUnit
        ? unit.GetType().Name + ":" + Store.CanonicalJson.Write(unit) + " " + Store.CanonicalJson.Write(((MultiTaskSpec)Spec).Sweep)
        : unit.GetType().Name + ":" + Store.CanonicalJson.Write(unit);

    /// <inheritdoc/>
    public int ModelsIn(MultiTaskUnit unit) => 1;

    /// <inheritdoc/>
    public MultiTaskRun Missing(MultiTaskUnit unit, string reason)
    {
        var blank = Enumerable.Repeat(double.NaN, Spec.Tasks.Count).ToArray();
        var seed = _loaded.Repetitions[unit.Repetition].Seed;
        return unit switch
        {
            MethodUnit method => new MultiTaskRun(method.Method.Name, method.Setting, null, unit.Repetition, seed, 0, 0, blank, [.. blank], [.. blank], reason),
            ConditionalMethodUnit conditional => new MultiTaskRun(conditional.Method.Name, null, null, unit.Repetition, seed, 0, 0, blank, [.. blank], [.. blank], reason),
            _ => new MultiTaskRun(MultiTaskRun.ReferenceMethod, null, ((ReferenceUnit)unit).Task, unit.Repetition, seed, 0, 0, blank, [.. blank], [.. blank], reason),
        };
    }

    /// <inheritdoc/>
    public string? FailureOf(MultiTaskRun result) => result.Failure;

    /// <inheritdoc/>
    public MultiTaskResult Summarize(ScheduledRun<MultiTaskRun> scheduled)
    {
        var spec = Spec;
        var data = _loaded.Data;
        var repetitions = _loaded.Repetitions;
        var results = scheduled.Results;
        var references = results.Where((run, i) => _units[i] is ReferenceUnit).ToArray();
        var runs = Expand(results).Select(run => WithRelativeMetrics(run, references, spec.Tasks.Count)).ToArray();
        var selected = new int[spec.Methods.Count];
        for (var m = 0; m < spec.Methods.Count; m++)
        {
            selected[m] = MarkFronts(runs, spec.Methods[m].Name, spec.Tasks.Count);
        }

        var steps = results.Sum(run => run.Steps);
        var grid = results.SelectMany(run => run.Grid ?? []).Select(run => WithRelativeMetrics(run, references, spec.Tasks.Count)).ToArray();
        return new MultiTaskResult(
            _experiment,
            references,
            runs,
            selected,
            data.Table.Rows,
            data.Table.Files,
            (repetitions[0].Train.Rows, repetitions[0].Validation.Rows, repetitions[0].Test.Rows),
            scheduled.Timings(_loaded.LoadSeconds, steps))
        {
            Grid = spec.Methods.SelectMany(method => MultiTaskGridPoint.Of(method.Name, grid.Where(run => run.Method == method.Name).ToArray())).ToArray(),
        };
    }

    /// <summary>The units in a fixed order: per repetition, the references (task order), then each method at each setting
    /// (a method with its own setting at that one; with <c>sweep.conditional</c>, one conditional model for all).</summary>
    public static MultiTaskUnit[] Plan(ComparisonSpec spec, IReadOnlyList<MultiTaskSetting> settings)
    {
        var conditional = (spec as MultiTaskSpec)?.Sweep.Conditional is not null;
        var units = new List<MultiTaskUnit>();
        for (var r = 0; r < spec.Protocol.Repetitions; r++)
        {
            units.AddRange(Enumerable.Range(0, spec.Tasks.Count).Select(t => new ReferenceUnit(t, r)));
            foreach (var method in spec.Methods)
            {
                units.AddRange(method.Setting is { } own
                    ? [new MethodUnit(method, new MultiTaskSetting(0, [.. own.Weights], [.. own.Lambdas], [.. own.Ratios]), r)]
                    : conditional ? [new ConditionalMethodUnit(method, r)]
                    : settings.Select(setting => new MethodUnit(method, setting, r)));
            }
        }

        return units.ToArray();
    }

    /// <summary>The method runs behind the tables: a conditional unit's run at each setting (failed at each when its
    /// model failed), every other method unit's run as it is; references left out.</summary>
    private IEnumerable<MultiTaskRun> Expand(IReadOnlyList<MultiTaskRun> results)
    {
        for (var i = 0; i < results.Count; i++)
        {
            switch (_units[i])
            {
                case ReferenceUnit:
                    break;
                case ConditionalMethodUnit:
                    var model = results[i];
                    foreach (var setting in _settings)
                    {
                        yield return model.Points?.FirstOrDefault(point => point.Setting!.Index == setting.Index)
                            ?? model with { Setting = setting, Failure = model.Failure ?? "the conditional model has no run at this setting", Points = null, Grid = null };
                    }

                    break;
                default:
                    yield return results[i];
                    break;
            }
        }
    }

    private static void CheckAttributes(LoadedComparison experiment, ComparisonData data)
    {
        if (data.Attributes.Count != 1)
        {
            throw new Diagnostics.FairMtlException(
                Diagnostics.DiagnosticCodes.InvalidValue,
                experiment.Source.Locate("sensitive"),
                $"the multi-task methods measure ARFG on one sensitive attribute; 'sensitive' declares {data.Attributes.Count} (expected one)");
        }

        foreach (var attribute in data.Attributes)
        {
            if (attribute.Count != 2)
            {
                throw new Diagnostics.FairMtlException(
                    Diagnostics.DiagnosticCodes.Groups,
                    experiment.Source.Locate($"sensitive.{attribute.Name}"),
                    $"the multi-task methods compare two groups, but sensitive attribute '{attribute.Name}' has {attribute.Count} "
                    + $"({string.Join(", ", attribute.Names)}); declare 'privileged' or 'range' to make two groups");
            }
        }
    }

    /// <summary>Per task, the error (1 - accuracy at the task's threshold), FPR gap and TPR gap of
    /// <paramref name="network"/> on <paramref name="test"/> (the repetition's test rows, possibly with conditioning
    /// columns), at the positions of <paramref name="tasks"/> among the spec's tasks (one task for a reference).</summary>
    internal static (double[] Errors, double[] FprGaps, double[] TprGaps) Score(
        ComparisonSpec spec, ComparisonData data, RepetitionData repetition, Nn.MultiHeadNetwork network, MethodNetwork plan, Data.DataPart test, string[] tasks, int? reference)
    {
        var count = spec.Tasks.Count;
        double[] Blank() => Enumerable.Repeat(double.NaN, count).ToArray();
        var (errors, fprGaps, tprGaps) = (Blank(), Blank(), Blank());
        var logits = TaskScores.Logits(network, plan, test, tasks.Length);
        var attribute = data.Attributes[0];
        for (var k = 0; k < tasks.Length; k++)
        {
            var t = reference ?? k;
            var scores = RunScores.Probabilities(logits[k]);
            var labels = repetition.Test.Targets[tasks[k]];
            var threshold = repetition.Threshold(spec.Tasks[t], scores);
            errors[t] = 1d - BinaryClassificationMetrics.Accuracy(scores, labels, threshold);
            var report = RunScores.KnownGroupsReport(scores, labels, repetition.Test.Groups![attribute.Name], attribute.Count, threshold);
            fprGaps[t] = FairnessGaps.FprGap(report);
            tprGaps[t] = FairnessGaps.TprGap(report);
        }

        return (errors, fprGaps, tprGaps);
    }

    private static MultiTaskRun Train(
        ComparisonSpec spec, string? compiledName, ComparisonData data, RepetitionData repetition, MultiTaskUnit unit, CancellationToken cancellationToken)
    {
        var reference = unit as ReferenceUnit;
        var single = reference is not null;
        var unitSpec = reference is not null ? spec with { Tasks = new[] { spec.Tasks[reference.Task] } } : spec;
        var (method, setting) = unit switch
        {
            MethodUnit m => (m.Method, m.Setting),
            _ => (SingleTaskReference, (MultiTaskSetting?)null),
        };
        var plan = MethodNetwork.For(method, unitSpec, data.Attributes, setting);
        var tasks = unitSpec.Tasks.Select(t => t.Name).ToArray();
        var (network, outcome) = UnitTraining.Train(
            unitSpec, data.Table.FeatureColumns, repetition, plan, tasks, cancellationToken, new TrainedMethod(method, setting, data.Attributes), compiledName);
        var count = spec.Tasks.Count;
        double[] Blank() => Enumerable.Repeat(double.NaN, count).ToArray();
        var (errors, fprGaps, tprGaps) = outcome.Succeeded
            ? Score(spec, data, repetition, network, plan, repetition.Test, tasks, reference?.Task)
            : (Blank(), Blank(), Blank());

        return new MultiTaskRun(
            method.Name, setting, reference?.Task, repetition.Repetition, repetition.Seed, outcome.Epochs, outcome.Steps, errors, fprGaps, tprGaps, outcome.Failure);
    }

    private static MultiTaskRun WithRelativeMetrics(MultiTaskRun run, IReadOnlyList<MultiTaskRun> references, int tasks)
    {
        var mine = references.Where(reference => reference.Repetition == run.Repetition).ToArray();
        var stlErrors = Enumerable.Range(0, tasks).Select(t => mine.First(reference => reference.Task == t).Errors[t]).ToArray();
        var stlGaps = Enumerable.Range(0, tasks).Select(t => mine.First(reference => reference.Task == t).FprGaps[t]).ToArray();
        return run with { Arfg = RelativeMetrics.Arfg(run.FprGaps, stlGaps), Are = RelativeMetrics.Are(run.Errors, stlErrors) };
    }

    /// <summary>Marks the method's ARFG-ARE front and per-task fronts in <paramref name="runs"/>; returns the selected run.</summary>
    private static int MarkFronts(MultiTaskRun[] runs, string method, int tasks)
    {
        var indices = Enumerable.Range(0, runs.Length).Where(i => runs[i].Method == method).ToArray();
        var points = indices.Select(i => (runs[i].Arfg, runs[i].Are)).ToArray();
        var onFront = TradeOffFront.OnFront(points);
        var taskFronts = Enumerable.Range(0, tasks)
            .Select(t => TradeOffFront.OnFront(indices.Select(i => (runs[i].FprGaps[t], runs[i].Errors[t])).ToArray()))
            .ToArray();
        for (var k = 0; k < indices.Length; k++)
        {
            runs[indices[k]] = runs[indices[k]] with { OnFront = onFront[k], OnTaskFront = taskFronts.Select(front => front[k]).ToArray() };
        }

        var selected = TradeOffFront.SelectMidpoint(points, onFront);
        return selected < 0 ? -1 : indices[selected];
    }
}

/// <summary>One model of a multi-task comparison, in a repetition: a <see cref="MethodUnit"/> or a <see cref="ReferenceUnit"/>.</summary>
/// <param name="Repetition">The repetition (its split and seed).</param>
public abstract record MultiTaskUnit(int Repetition);

/// <summary>A method at a sweep setting.</summary>
/// <param name="Method">The method.</param>
/// <param name="Setting">The setting (task weights, lambdas, ratios).</param>
/// <param name="Repetition">The repetition.</param>
public sealed record MethodUnit(MethodSpec Method, MultiTaskSetting Setting, int Repetition) : MultiTaskUnit(Repetition);

/// <summary>One loss-conditional model of a method for every setting of the sweep (<c>sweep.conditional</c>).</summary>
/// <param name="Method">The method.</param>
/// <param name="Repetition">The repetition.</param>
public sealed record ConditionalMethodUnit(MethodSpec Method, int Repetition) : MultiTaskUnit(Repetition);

/// <summary>The single-task reference of one task: its head alone on the trunk, no fairness term.</summary>
/// <param name="Task">The task's index.</param>
/// <param name="Repetition">The repetition.</param>
public sealed record ReferenceUnit(int Task, int Repetition) : MultiTaskUnit(Repetition);
