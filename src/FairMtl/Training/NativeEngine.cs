using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Spec;

namespace FairMtl.Training;

/// <summary>This project's engine: <see cref="ModelTrainer"/> over the network's own passes and the optimisers of
/// <see cref="OptimizerFactory"/>; it trains the initial weights the kind drew.</summary>
public sealed class NativeEngine : ITrainingEngine
{
    public static readonly NativeEngine Instance = new();

    private NativeEngine()
    {
    }

    public TrainingEngine Kind => TrainingEngine.Native;

    public string Version => Store.NumericsVersion.Current;

    public IUnitTrainer Create(MultiHeadNetwork network, DataPart train, DataPart validation, TrainerSettings settings) =>
        new Trainer(new ModelTrainer(network, train, validation, settings.BatchSize) { Conditioner = settings.Conditioner }, OptimizerFactory.Create(settings.Optimizer, network.Parameters));

    private sealed class Trainer(ModelTrainer trainer, IOptimizer optimizer) : IUnitTrainer
    {
        public TrainingOutcome Train(
            IBatchObjective objective, int epochs, EpochSelection? selection, DeterministicRandom shuffle, DeterministicRandom dropout, CancellationToken cancellationToken) =>
            trainer.Train(optimizer, objective, epochs, selection, shuffle, dropout, cancellationToken);

        public TrainingOutcome Train(
            ILossCombiner combiner, int epochs, EarlyStoppingSpec? earlyStopping, DeterministicRandom shuffle, DeterministicRandom dropout, CancellationToken cancellationToken) =>
            trainer.Train(optimizer, combiner, epochs, earlyStopping, shuffle, dropout, cancellationToken);

        public void ResetOptimizer() => optimizer.Reset();

        public void Dispose()
        {
        }
    }
}
