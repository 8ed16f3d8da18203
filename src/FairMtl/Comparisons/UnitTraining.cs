using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Comparisons;

/// <summary>
/// Trains one method's network on one repetition: weights from the repetition's "init" stream (trunk first, so every
/// method of a repetition starts from the same trunk), batches from its "shuffle" stream, the epoch with the lowest
/// validation task loss kept (or, with <c>training.selection: last-epoch</c>, the last epoch's).
/// </summary>
public static class UnitTraining
{
    /// <summary>The trained network (weights of the best epoch) and how training went.</summary>
    public static (MultiHeadNetwork Network, TrainingOutcome Outcome) Train(
        ComparisonSpec spec, IReadOnlyList<string> featureColumns, RepetitionData repetition, MethodNetwork plan, IReadOnlyList<string> tasks, CancellationToken cancellationToken)
    {
        var network = CreateNetwork(spec, featureColumns, repetition, plan);
        using var trainer = TrainingEngines.Create(
            spec.Training.Engine,
            network,
            plan.WithTargets(repetition.Train),
            repetition.Validation,
            new TrainerSettings(spec.Training.BatchSize, spec.Training.Optimizer, spec.Model.Init, repetition.Seed));
        var selection = spec.Training.Selection == EpochChoice.BestEpoch
            ? new EpochSelection(new TaskValidationLoss(plan, repetition.Validation, tasks), int.MaxValue, 0d, RestoreBest: true)
            : null;
        var outcome = trainer.Train(
            new RoutedObjective(plan.Routes, network),
            spec.Training.Epochs,
            selection,
            DeterministicRandom.ForStream(repetition.Seed, "shuffle"),
            DeterministicRandom.ForStream(repetition.Seed, "dropout"),
            cancellationToken);
        return (network, outcome);
    }

    /// <summary>The initialised network, its native trainer over the repetition's training rows, its optimiser and its
    /// routed objective: everything a unit's training steps use (the step benchmark times them alone).
    /// <paramref name="featureColumns"/> names each input's data column (the embeddings find their inputs by it).</summary>
    public static UnitTrainer Prepare(ComparisonSpec spec, IReadOnlyList<string> featureColumns, RepetitionData repetition, MethodNetwork plan)
    {
        var network = CreateNetwork(spec, featureColumns, repetition, plan);
        var trainer = new ModelTrainer(network, plan.WithTargets(repetition.Train), repetition.Validation, spec.Training.BatchSize);
        var optimizer = OptimizerFactory.Create(spec.Training.Optimizer, network.Parameters);
        return new UnitTrainer(network, trainer, optimizer, new RoutedObjective(plan.Routes, network));
    }

    /// <summary>The method's network, initialised from the repetition's "init" stream.</summary>
    private static MultiHeadNetwork CreateNetwork(ComparisonSpec spec, IReadOnlyList<string> featureColumns, RepetitionData repetition, MethodNetwork plan)
    {
        var network = MultiHeadNetwork.For(featureColumns, spec.Data.Embeddings, spec.Model, plan.Heads, spec.Training.BatchSize);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(repetition.Seed, "init"));
        return network;
    }
}

/// <summary>What trains one unit: see <see cref="UnitTraining.Prepare"/>.</summary>
public sealed record UnitTrainer(MultiHeadNetwork Network, ModelTrainer Trainer, IOptimizer Optimizer, RoutedObjective Objective);
