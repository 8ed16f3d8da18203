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
    /// <param name="spec">The comparison (the unit's: a single-task reference's has its one task).</param>
    /// <param name="featureColumns">Each input's data column.</param>
    /// <param name="repetition">The repetition's split and seed.</param>
    /// <param name="plan">The method's heads, targets and routes.</param>
    /// <param name="tasks">The task names, in spec order.</param>
    /// <param name="cancellationToken">Stops training.</param>
    /// <param name="method">The unit's method as the engine is told it (<see cref="TrainerSettings.Method"/>), or null.</param>
    /// <param name="compiledName">The comparison's name when it runs as compiled (<see cref="TrainerSettings.Experiment"/>).</param>
    public static (MultiHeadNetwork Network, TrainingOutcome Outcome) Train(
        ComparisonSpec spec,
        IReadOnlyList<string> featureColumns,
        RepetitionData repetition,
        MethodNetwork plan,
        IReadOnlyList<string> tasks,
        CancellationToken cancellationToken,
        TrainedMethod? method = null,
        string? compiledName = null)
    {
        var network = CreateNetwork(spec, featureColumns, repetition, plan);
        using var trainer = TrainingEngines.Create(
            spec.Training.Engine,
            network,
            plan.WithTargets(repetition.Train),
            repetition.Validation,
            new TrainerSettings(spec.Training.BatchSize, spec.Training.Optimizer, spec.Model.Init, repetition.Seed, compiledName, method));
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
