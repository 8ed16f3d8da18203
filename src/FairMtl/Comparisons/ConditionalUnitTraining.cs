using FairMtl.Conditional;
using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Training;

namespace FairMtl.Comparisons;

/// <summary>
/// Trains one loss-conditional model of a comparison's method in a repetition (a conditional front's or a conditional
/// multi-task sweep's unit): the variables drawn per batch from the repetition's "condition" stream, appended to the
/// inputs and FiLM-modulating the trunk, the method's routes at each draw (<see cref="ConditionalRoutes"/>), weights,
/// batches and dropout from the repetition's streams as every unit's; all the declared epochs (no epoch selection: a
/// validation loss would hold for one point).
/// </summary>
public static class ConditionalUnitTraining
{
    /// <param name="spec">The comparison.</param>
    /// <param name="data">Its data.</param>
    /// <param name="repetition">The repetition's split and seed.</param>
    /// <param name="variables">The variables as a sweep over their ranges, with the conditional settings.</param>
    /// <param name="points">The declared points (what the <c>points</c> distribution draws from).</param>
    /// <param name="planAt">The method's heads, targets and routes at given values of the variables.</param>
    /// <param name="cancellationToken">Stops training.</param>
    public static ConditionalModel Train(
        ComparisonSpec spec,
        ComparisonData data,
        RepetitionData repetition,
        SweepSpec variables,
        IReadOnlyList<SweepPoint> points,
        Func<IReadOnlyList<double>, MethodNetwork> planAt,
        CancellationToken cancellationToken)
    {
        var conditional = variables.Conditional ?? throw new ArgumentException("The variables are not conditional.", nameof(variables));
        var count = variables.Variables.Count;
        var plan = planAt(new double[count]);
        var network = MultiHeadNetwork.For(data.Table.FeatureColumns, spec.Data.Embeddings, spec.Model, plan.Heads, spec.Training.BatchSize, count, conditional.Film);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(repetition.Seed, "init"));
        var sampler = new ConditionSampler(variables, points, DeterministicRandom.ForStream(repetition.Seed, "condition"), network.MaxRows);
        using var trainer = TrainingEngines.Create(
            spec.Training.Engine,
            network,
            ConditionedData.Widen(plan.WithTargets(repetition.Train), count),
            ConditionedData.Widen(repetition.Validation, count),
            new TrainerSettings(spec.Training.BatchSize, spec.Training.Optimizer, spec.Model.Init, repetition.Seed, Conditioner: sampler));
        var outcome = trainer.Train(
            new ConditionalRoutes(values => planAt(values).Routes, network, sampler),
            conditional.Epochs,
            null,
            DeterministicRandom.ForStream(repetition.Seed, "shuffle"),
            DeterministicRandom.ForStream(repetition.Seed, "dropout"),
            cancellationToken);
        return new ConditionalModel(network, plan, sampler, outcome, ConditionedData.Widen(repetition.Test, count));
    }
}

/// <summary>A trained conditional comparison model and the repetition's test rows with its conditioning columns.</summary>
/// <param name="Network">The trained network.</param>
/// <param name="Plan">The method's heads and targets (scoring heads included).</param>
/// <param name="Sampler">The draws' encoder.</param>
/// <param name="Outcome">How training went.</param>
/// <param name="Test">The test rows with conditioning columns (see <see cref="At"/>).</param>
public sealed record ConditionalModel(MultiHeadNetwork Network, MethodNetwork Plan, ConditionSampler Sampler, TrainingOutcome Outcome, DataPart Test)
{
    /// <summary>Writes <paramref name="values"/>, encoded, into every test row; returns the test rows.</summary>
    public DataPart At(IReadOnlyList<double> values)
    {
        Span<float> encoded = stackalloc float[values.Count];
        Sampler.Encode(values, encoded);
        ConditionedData.Write(Test, encoded);
        return Test;
    }
}
