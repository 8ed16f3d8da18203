using FairMtl.Comparisons;
using FairMtl.Diagnostics;
using FairMtl.Evaluation.Heterogeneous;
using FairMtl.Execution;
using FairMtl.Nn;
using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.FairMt;

/// <summary>
/// Runs a FairMT experiment (this project's design after the FairMT abstract; <c>docs/fairmt.md</c>): per repetition,
/// every method at each of its sweep points as an independent unit; each trained model evaluated on the test rows
/// (every task's metrics, group harms and violations, the constraint F); then per method and point the summary over
/// repetitions against unconstrained MTL (levelling down) and each method's front.
/// </summary>
public sealed class FairMtKind : IStorableKind<FairMtUnit, FairMtRun, FairMtResult>
{
    private readonly LoadedComparison _experiment;
    private readonly LoadedRepetitions _loaded;
    private readonly FairMtUnit[] _units;
    private readonly double[][] _scales;

    private FairMtKind(LoadedComparison experiment, LoadedRepetitions loaded)
    {
        _experiment = experiment;
        _loaded = loaded;
        _units = Plan(Spec);
        _scales = loaded.Repetitions.Select(repetition => ConstraintScales.Of(Spec, repetition)).ToArray();
    }

    /// <inheritdoc/>
    public IReadOnlyList<FairMtUnit> Units => _units;

    /// <inheritdoc/>
    public int Models => _units.Length;

    private FairMtSpec Spec => (FairMtSpec)_experiment.Spec;

    /// <summary>Loads the data and the repetitions' splits; bad data is reported here, before training.</summary>
    public static FairMtKind Load(LoadedComparison experiment)
    {
        if (experiment.Spec is not FairMtSpec)
        {
            throw new ArgumentException($"'{experiment.Spec.Name}' is not a FairMT experiment.", nameof(experiment));
        }

        return new FairMtKind(experiment, LoadedRepetitions.Load(experiment, data => CheckAttribute(experiment, data)));
    }

    /// <summary>The units in a fixed order: per repetition, each method at each of its sweep points.</summary>
    public static FairMtUnit[] Plan(FairMtSpec spec) =>
        Enumerable.Range(0, spec.Protocol.Repetitions)
            .SelectMany(r => spec.Methods.SelectMany(method => spec.SweepPoints(method).Select(point => new FairMtUnit(method, point, r))))
            .ToArray();

    /// <inheritdoc/>
    public FairMtRun Train(FairMtUnit unit, Action modelFinished, CancellationToken cancellationToken)
    {
        var repetition = _loaded.Repetitions[unit.Repetition];
        var run = Train(unit, repetition, _scales[unit.Repetition], cancellationToken);
        modelFinished();
        return run;
    }

    /// <inheritdoc/>
    /// <remarks>A unit's numbers do not depend on the other methods, the other sweep points or the number of repetitions.</remarks>
    public Store.StoredExperiment Describe()
    {
        var spec = Spec;
        return _loaded.Describe(spec, spec with { Sweep = null! }, "fairmt");
    }

    /// <inheritdoc/>
    public string UnitKey(FairMtUnit unit) => Store.CanonicalJson.Write(unit);

    /// <inheritdoc/>
    public int ModelsIn(FairMtUnit unit) => 1;

    /// <inheritdoc/>
    public FairMtRun Missing(FairMtUnit unit, string reason) => Failed(unit, _loaded.Repetitions[unit.Repetition].Seed, 0, 0, reason);

    /// <inheritdoc/>
    public string? FailureOf(FairMtRun result) => result.Failure;

    /// <inheritdoc/>
    public FairMtResult Summarize(ScheduledRun<FairMtRun> scheduled)
    {
        var spec = Spec;
        var runs = scheduled.Results;
        var first = _loaded.Repetitions[0];
        return new FairMtResult(
            _experiment,
            runs,
            FairMtSummary.Points(spec, runs),
            ConstraintAttributes.Select(attribute => new FairMtAttribute(attribute.Name, attribute.Names)).ToArray(),
            _loaded.Data.Labels.Select(labels => labels.ClassNames).ToArray(),
            _scales[0],
            _loaded.Data.Table.Rows,
            _loaded.Data.Table.Files,
            (first.Train.Rows, first.Validation.Rows, first.Test.Rows),
            spec.Tasks.Select((task, t) => Enumerable.Range(0, first.Train.Rows).Count(r => Data.TaskLabels.IsLabelled(first.Train.Targets[task.Name], _loaded.Data.Labels[t].Width, r))).ToArray(),
            scheduled.Timings(_loaded.LoadSeconds, runs.Sum(run => run.Steps)));
    }

    /// <summary>The network and objective <see cref="Train(FairMtUnit, Action, CancellationToken)"/> trains for
    /// <paramref name="unit"/> (<see cref="FairMtTraining.Model"/>), and the unit's repetition.</summary>
    internal (MultiHeadNetwork Network, IBatchObjective Objective, RepetitionData Repetition) Model(FairMtUnit unit)
    {
        var spec = Spec;
        var repetition = _loaded.Repetitions[unit.Repetition];
        var (network, objective) = FairMtTraining.Model(
            spec, _loaded.Data.Table.FeatureColumns, repetition, unit, Classes, _scales[unit.Repetition], ConstraintAttributes, Thresholds(repetition));
        return (network, objective, repetition);
    }

    private FairMtRun Train(FairMtUnit unit, RepetitionData repetition, double[] scales, CancellationToken cancellationToken)
    {
        var spec = Spec;
        var classes = Classes;
        var attributes = ConstraintAttributes;
        var trained = FairMtTraining.Train(
            spec, _loaded.Data.Table.FeatureColumns, repetition, unit, classes, scales, attributes, Thresholds(repetition), cancellationToken);
        if (trained.Outcome.Failure is { } failure)
        {
            return Failed(unit, repetition.Seed, trained.Outcome.Epochs, trained.Outcome.Steps, failure);
        }

        var metrics = new TaskMetrics[attributes.Length][];
        var violations = new double[attributes.Length][];
        for (var a = 0; a < attributes.Length; a++)
        {
            (metrics[a], violations[a]) = Evaluate(repetition, trained.TestOutputs, classes, attributes[a]);
        }

        var constraint = FairMtTraining.Aggregate(spec.Constraint, violations, scales);
        return new FairMtRun(
            unit.Method.Name, unit.Point, unit.Repetition, repetition.Seed, trained.Outcome.Epochs, trained.Outcome.Steps, trained.Multiplier,
            trained.TrainingConstraint, metrics, violations, constraint, null);
    }

    /// <summary>Per task, its classes (multi-class) or labels (multi-label); else 0.</summary>
    private int[] Classes => Spec.Tasks.Select((task, t) => ClassesOf(task, t)).ToArray();

    /// <summary>Per task, its decision threshold in <paramref name="repetition"/>.</summary>
    private double[] Thresholds(RepetitionData repetition) => Spec.Tasks.Select(task => repetition.Threshold(task)).ToArray();

    /// <summary>The constraint's attributes, in spec order.</summary>
    private SensitiveGroups[] ConstraintAttributes =>
        Spec.Constraint.Attributes.Select(name => _loaded.Data.Attributes.First(a => a.Name == name)).ToArray();

    /// <summary>Every task's test metrics and one-sided violation over the groups of <paramref name="attribute"/>.</summary>
    private (TaskMetrics[] Metrics, double[] Violations) Evaluate(RepetitionData repetition, float[][] outputs, int[] classes, SensitiveGroups attribute)
    {
        var spec = Spec;
        var groups = repetition.Test.Groups![attribute.Name];
        var metrics = new TaskMetrics[spec.Tasks.Count];
        var violations = new double[spec.Tasks.Count];
        for (var t = 0; t < metrics.Length; t++)
        {
            var task = spec.Tasks[t];
            var harm = task.Harm ?? new HarmSpec(task.Type == HeadTask.Regression ? (task.Loss == RegressionLoss.Mae ? HarmKind.Mae : HarmKind.Mse) : HarmKind.Opportunity, 0d, 1d);
            var threshold = repetition.Threshold(task);
            metrics[t] = HeterogeneousTaskEvaluation.Evaluate(
                task.Type, classes[t], harm.Kind, harm.FavourableNegative, outputs[t], repetition.Test.Targets[task.Name], groups, attribute.Count, threshold);
            if (task.Harm is null)
            {
                violations[t] = double.NaN;
                continue;
            }

            var reference = spec.Constraint.Reference == HarmReference.Population
                ? HeterogeneousTaskEvaluation.Evaluate(
                    task.Type, classes[t], harm.Kind, harm.FavourableNegative, outputs[t], repetition.Test.Targets[task.Name], groups.Select(g => g >= 0 ? 0 : -1).ToArray(), 1, threshold).Harms[0]
                : double.NaN;
            violations[t] = TestViolation(metrics[t].Harms, reference, harm.Tolerance);
        }

        return (metrics, violations);
    }

    /// <summary>The one-sided violation (<see cref="OneSidedViolation"/>) of the test harms (NaN: a group without
    /// labelled rows) against the best group's harm or, when given, <paramref name="population"/>.</summary>
    private static double TestViolation(double[] harms, double population, double tolerance) =>
        OneSidedViolation.Compute(
            harms,
            harms.Select(h => !double.IsNaN(h)).ToArray(),
            population,
            double.IsNaN(population) ? HarmReference.BestGroup : HarmReference.Population,
            tolerance,
            new double[harms.Length]);

    private int ClassesOf(TaskSpec task, int t) => task.Type switch
    {
        HeadTask.MultiClass => _loaded.Data.Labels[t].ClassNames.Count,
        HeadTask.MultiLabel => task.Labels.Count,
        _ => 0,
    };

    private FairMtRun Failed(FairMtUnit unit, int seed, int epochs, long steps, string reason)
    {
        var attributes = Spec.Constraint.Attributes.Count;
        var tasks = Enumerable.Range(0, attributes).Select(_ => Spec.Tasks.Select(_ => new TaskMetrics(double.NaN, double.NaN, [], double.NaN, [])).ToArray()).ToArray();
        var violations = Enumerable.Range(0, attributes).Select(_ => Enumerable.Repeat(double.NaN, Spec.Tasks.Count).ToArray()).ToArray();
        return new FairMtRun(
            unit.Method.Name, unit.Point, unit.Repetition, seed, epochs, steps, double.NaN, double.NaN, tasks, violations, double.NaN, reason);
    }

    private static void CheckAttribute(LoadedComparison experiment, ComparisonData data)
    {
        var spec = (FairMtSpec)experiment.Spec;
        foreach (var attribute in spec.Constraint.Attributes.Select(name => data.Attributes.First(a => a.Name == name)).Where(a => a.Count > 16))
        {
            throw new FairMtlException(
                DiagnosticCodes.Groups,
                experiment.Source.Locate($"sensitive.{attribute.Name}"),
                $"the constraint compares the groups of '{attribute.Name}', which has {attribute.Count} (expected at most 16; group the values with 'privileged' or 'range')");
        }
    }
}

/// <summary>One model of a FairMT experiment: a method at a sweep point in a repetition.</summary>
/// <param name="Method">The method.</param>
/// <param name="Point">Lambda, epsilon or NaN (see <see cref="FairMtRun.Point"/>).</param>
/// <param name="Repetition">The repetition (its split and seed).</param>
public sealed record FairMtUnit(MethodSpec Method, double Point, int Repetition);
