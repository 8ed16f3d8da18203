using FairMtl.Comparisons;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives.Constraints;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.FairMt;

/// <summary>
/// Trains one FairMT unit: a head per task (its type's outputs, the spec's head layers) on one trunk, weights from the
/// repetition's "init" stream, batches from its "shuffle" stream, the method's <see cref="ConstrainedObjective"/>, every
/// epoch of the budget (no epoch selection: a rule on the utility alone would undo the constraint, and one on the
/// Lagrangian would depend on the multiplier), then the test rows' raw outputs.
/// </summary>
public static class FairMtTraining
{
    /// <summary>How a unit's training went and what its model predicts on the test rows.</summary>
    /// <param name="Outcome">Epochs, steps, failure.</param>
    /// <param name="TestOutputs">Per task, the head's raw test outputs (row-major; copies).</param>
    /// <param name="Multiplier">The final primal-dual multiplier (NaN for the other methods).</param>
    /// <param name="TrainingConstraint">The mean soft constraint F of the last epoch's batches.</param>
    public sealed record Trained(TrainingOutcome Outcome, float[][] TestOutputs, double Multiplier, double TrainingConstraint);

    /// <summary>Trains <paramref name="unit"/> on <paramref name="repetition"/>.</summary>
    /// <param name="spec">The experiment.</param>
    /// <param name="featureColumns">Each input's data column (for embeddings).</param>
    /// <param name="repetition">The repetition's parts.</param>
    /// <param name="unit">The method, sweep point and repetition.</param>
    /// <param name="classes">Per task, its classes (multi-class) or labels (multi-label); else 0.</param>
    /// <param name="scales">Per task, the scale of its violation (NaN: not constrained).</param>
    /// <param name="attributes">The constraint's attributes (spec order).</param>
    /// <param name="thresholds">Per task, its decision threshold (binary and multi-label tasks; the soft rates of the
    /// constraint are taken at it).</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    public static Trained Train(
        FairMtSpec spec, IReadOnlyList<string> featureColumns, RepetitionData repetition, FairMtUnit unit, int[] classes, double[] scales, IReadOnlyList<SensitiveGroups> attributes, double[] thresholds, CancellationToken cancellationToken)
    {
        var (network, objective) = Model(spec, featureColumns, repetition, unit, classes, scales, attributes, thresholds);
        using var trainer = TrainingEngines.Create(
            spec.Training.Engine, network, repetition.Train, repetition.Validation, new TrainerSettings(spec.Training.BatchSize, spec.Training.Optimizer, spec.Model.Init, repetition.Seed));
        var shuffle = DeterministicRandom.ForStream(repetition.Seed, "shuffle");
        var dropout = DeterministicRandom.ForStream(repetition.Seed, "dropout");
        var outcome = trainer.Train(objective, spec.Training.Epochs, null, shuffle, dropout, cancellationToken);
        var constrained = objective as ConstrainedObjective;
        return new Trained(outcome, Outputs(outcome, network, repetition), constrained?.Multiplier ?? double.NaN, constrained?.RecentConstraint ?? double.NaN);
    }

    /// <summary>
    /// The network <see cref="Train"/> trains for <paramref name="unit"/> (a head per task, or MTA-F's heads; initial
    /// weights from the repetition's "init" stream) and its objective: MTA-F's routes, or the method's
    /// <see cref="ConstrainedObjective"/>. The parameters are <see cref="Train"/>'s.
    /// </summary>
    public static (MultiHeadNetwork Network, IBatchObjective Objective) Model(
        FairMtSpec spec, IReadOnlyList<string> featureColumns, RepetitionData repetition, FairMtUnit unit, int[] classes, double[] scales, IReadOnlyList<SensitiveGroups> attributes, double[] thresholds)
    {
        var batch = spec.Training.BatchSize;
        var method = unit.Method;
        var mtaf = method.Kind is MethodKind.MtaF or MethodKind.FairMultiTask ? MtaF(spec, unit, attributes) : null;
        var heads = mtaf?.Heads
            ?? spec.Tasks.Select((task, t) => new HeadSpec(task.Name, task.Column, task.Type, false, spec.HeadHidden, Classes: classes[t])).ToArray();
        var network = MultiHeadNetwork.For(featureColumns, spec.Data.Embeddings, spec.Model, heads, batch);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(repetition.Seed, "init"));
        if (mtaf is not null)
        {
            return (network, new RoutedObjective(mtaf.Routes, network));
        }

        var violation = method.Kind == MethodKind.MultiTask ? ViolationKind.OneSided : method.Violation;
        var constrained = spec.Tasks
            .Select((task, t) => (task, t))
            .Where(pair => pair.task.Harm is not null)
            .Select(pair => new ConstrainedTask(
                pair.t, pair.task.Type, classes[pair.t], pair.task.Harm!.Kind, pair.task.Harm.Tolerance, scales[pair.t], violation, pair.task.Harm.FavourableNegative,
                pair.task.Type is HeadTask.Binary or HeadTask.MultiLabel ? Logit(thresholds[pair.t]) : 0d))
            .ToArray();
        var constraints = attributes
            .Select(attribute => new FairnessConstraint(constrained, spec.Constraint.Reference, Aggregation(spec.Constraint), attribute.Count, batch, spec.Constraint.Smoothing))
            .ToArray();
        var dual = method.Kind == MethodKind.PrimalDual ? new DualAscent(unit.Point, method.DualStep, method.Averaging) : null;
        var lambda = method.Kind == MethodKind.Penalty ? unit.Point : 0d;
        var batchesPerEpoch = (repetition.Train.Rows + batch - 1) / batch;
        var objective = new ConstrainedObjective(
            network, spec.Tasks.Select(task => task.Loss).ToArray(), spec.Tasks.Select(task => task.Weight).ToArray(), constraints, spec.Constraint.Attributes, lambda, dual,
            method.HeadAware, batchesPerEpoch, method.MinNorm);
        return (network, objective);
    }

    /// <summary>MTA-F (or its fair multi-task baseline) as a baseline of a FairMT experiment whose tasks are all binary:
    /// the multi-task comparison's heads and routes (docs/comparison-experiments.md) with w_t the tasks' weights, lambda_t
    /// the unit's lambda and r_t the method's ratio, its fairness losses on the constraint's attributes.</summary>
    private static MethodNetwork MtaF(FairMtSpec spec, FairMtUnit unit, IReadOnlyList<SensitiveGroups> attributes)
    {
        var tasks = spec.Tasks.Count;
        var setting = new MultiTaskSetting(
            0,
            spec.Tasks.Select(task => task.Weight).ToArray(),
            Enumerable.Repeat(unit.Point, tasks).ToArray(),
            Enumerable.Repeat(unit.Method.Ratio, tasks).ToArray());
        return MethodNetwork.For(unit.Method, spec, attributes, setting);
    }

    /// <summary>log(theta / (1 - theta)): 0 exactly at 0.5.</summary>
    private static double Logit(double threshold) => threshold == 0.5 ? 0d : Math.Log(threshold / (1d - threshold));

    /// <summary>The test rows' raw outputs per head (copies), or none after a failure.</summary>
    private static float[][] Outputs(TrainingOutcome outcome, MultiHeadNetwork network, RepetitionData repetition) =>
        outcome.Failure is null ? Predictor.Predict(network, repetition.Test).Select(o => o.ToArray()).ToArray() : [];

    /// <summary>The constraint's aggregation as the spec declares it.</summary>
    public static ConstraintAggregation Aggregation(ConstraintSpec constraint) =>
        constraint.Aggregation == AggregationKind.Smooth ? ConstraintAggregation.Smooth(constraint.Temperature) : ConstraintAggregation.Max;

    /// <summary>F of test violations (per attribute, per task): the declared aggregation over the constrained tasks
    /// (NaN violations are the unconstrained tasks'), then over the attributes.</summary>
    public static double Aggregate(ConstraintSpec constraint, double[][] violations, double[] scales)
    {
        var aggregation = Aggregation(constraint);
        var constrained = Enumerable.Range(0, scales.Length).Where(t => !double.IsNaN(scales[t])).ToArray();
        var perAttribute = violations
            .Select(attribute => aggregation.Compute(
                constrained.Select(t => attribute[t]).ToArray(), constrained.Select(t => scales[t]).ToArray(), new double[constrained.Length]))
            .ToArray();
        return perAttribute.Length == 1
            ? perAttribute[0]
            : aggregation.Compute(perAttribute, Enumerable.Repeat(1d, perAttribute.Length).ToArray(), new double[perAttribute.Length]);
    }
}
