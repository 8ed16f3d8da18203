using FairMtl.Conditional;
using FairMtl.Evaluation.Classification;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Training;

namespace FairMtl.Comparisons;

/// <summary>
/// A method comparison's conditional front unit (<c>front.conditional</c>, docs/conditional-sweeps.md): one
/// loss-conditional model of a front method in a repetition, trained with lambda drawn per batch over the front's range
/// (appended to the inputs and FiLM-modulating the trunk; the method's routes at the draw, <see cref="ConditionalRoutes"/>),
/// then scored on the repetition's test rows at each of the front's lambdas. The model trains all its epochs (a
/// validation loss would hold for one lambda, so there is no best-epoch selection); its streams are the repetition's,
/// as every unit's, plus "condition" for the draws.
/// </summary>
public static class ConditionalFront
{
    /// <summary>The unit's result: a run that holds the model's run at each lambda (<see cref="ComparisonRun.Points"/>).</summary>
    public static ComparisonRun Train(
        MethodComparisonSpec spec, ComparisonData data, RepetitionData repetition, MethodSpec method, IReadOnlyList<string> tasks, CancellationToken cancellationToken)
    {
        var front = spec.Front;
        var conditional = front.Conditional ?? throw new ArgumentException("The front is not conditional.", nameof(spec));
        var atZero = MethodNetwork.For(method with { Lambda = 0d }, spec, data.Attributes);
        var points = front.Lambdas.Select((lambda, i) => new SweepPoint(i, new[] { lambda })).ToArray();
        var network = MultiHeadNetwork.For(data.Table.FeatureColumns, spec.Data.Embeddings, spec.Model, atZero.Heads, spec.Training.BatchSize, 1, conditional.Film);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(repetition.Seed, "init"));
        var sampler = new ConditionSampler(front.AsSweep(), points, DeterministicRandom.ForStream(repetition.Seed, "condition"), network.MaxRows);
        using var trainer = TrainingEngines.Create(
            spec.Training.Engine,
            network,
            ConditionedData.Widen(atZero.WithTargets(repetition.Train), 1),
            ConditionedData.Widen(repetition.Validation, 1),
            new TrainerSettings(spec.Training.BatchSize, spec.Training.Optimizer, spec.Model.Init, repetition.Seed, Conditioner: sampler));
        var outcome = trainer.Train(
            new ConditionalRoutes(values => MethodNetwork.For(method with { Lambda = values[0] }, spec, data.Attributes).Routes, network, sampler),
            conditional.Epochs,
            null,
            DeterministicRandom.ForStream(repetition.Seed, "shuffle"),
            DeterministicRandom.ForStream(repetition.Seed, "dropout"),
            cancellationToken);
        var container = new ComparisonRun(method.Name, method.Lambda, true, repetition.Repetition, repetition.Seed, outcome.Epochs, outcome.Steps, null, outcome.Failure);
        if (!outcome.Succeeded)
        {
            return container;
        }

        var test = ConditionedData.Widen(repetition.Test, 1);
        var eod = spec.Evaluation?.Eod ?? EodDefinition.Max;
        var encoded = new float[1];
        var runs = new ComparisonRun[front.Lambdas.Count];
        for (var i = 0; i < runs.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lambda = front.Lambdas[i];
            sampler.Encode([lambda], encoded);
            ConditionedData.Write(test, encoded);
            var logits = TaskScores.Logits(network, atZero, test, tasks.Count);
            var metrics = RunScores.Of(logits, repetition, spec.Tasks.ToArray(), data.Attributes, eod);
            runs[i] = container with { Lambda = lambda, Metrics = metrics };
        }

        return container with { Points = runs };
    }
}
