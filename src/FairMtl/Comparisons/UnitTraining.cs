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
/// validation task loss kept.
/// </summary>
public static class UnitTraining
{
    /// <summary>The trained network (weights of the best epoch) and how training went.</summary>
    public static (MultiHeadNetwork Network, TrainingOutcome Outcome) Train(
        ComparisonSpec spec, int features, RepetitionData repetition, MethodNetwork plan, IReadOnlyList<string> tasks, CancellationToken cancellationToken)
    {
        var network = new MultiHeadNetwork(features, spec.Model, plan.Heads, spec.Training.BatchSize);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(repetition.Seed, "init"));
        var trainer = new ModelTrainer(network, plan.WithTargets(repetition.Train), repetition.Validation, spec.Training.BatchSize);
        var optimizer = OptimizerFactory.Create(spec.Training.Optimizer, network.Parameters);
        var objective = new RoutedObjective(plan.Routes, spec.Training.BatchSize);
        var selection = new EpochSelection(new TaskValidationLoss(plan, repetition.Validation, tasks), int.MaxValue, 0d, RestoreBest: true);
        var outcome = trainer.Train(
            optimizer,
            objective,
            spec.Training.Epochs,
            selection,
            DeterministicRandom.ForStream(repetition.Seed, "shuffle"),
            DeterministicRandom.ForStream(repetition.Seed, "dropout"),
            cancellationToken);
        return (network, outcome);
    }
}
