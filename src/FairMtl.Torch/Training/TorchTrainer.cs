using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using FairMtl.Training;
using static TorchSharp.torch;

namespace FairMtl.Torch.Training;

/// <summary>
/// Trains a unit on libtorch: <see cref="ModelTrainer"/>'s loop (the same batches as a native run, epoch selection on
/// the native network) with every step taken by a <see cref="TorchStep"/> on the unit's <see cref="TorchModel"/>.
/// Dropout masks come from a torch generator seeded, at every training call, from the unit's "dropout" stream.
/// </summary>
internal sealed class TorchTrainer : IUnitTrainer
{
    private readonly ModelTrainer _loop;
    private readonly TorchModel _model;
    private readonly TorchStep _step;

    /// <param name="network">The unit's native network.</param>
    /// <param name="train">The training rows.</param>
    /// <param name="validation">The validation rows.</param>
    /// <param name="model">The torch model of the network.</param>
    /// <param name="optimizer">The optimiser and its settings.</param>
    /// <param name="batchSize">Rows per mini-batch.</param>
    /// <param name="generatedObjective">A compiled comparison's generated objective of the unit's method, which trains in
    /// place of its routed objective's torch form; null: none.</param>
    public TorchTrainer(
        MultiHeadNetwork network, DataPart train, DataPart validation, TorchModel model, OptimizerSpec optimizer, int batchSize, Objectives.ITorchObjective? generatedObjective = null)
    {
        _loop = new ModelTrainer(network, train, validation, batchSize);
        _model = model;
        _step = new TorchStep(network, model, () => TorchOptimizer.Create(optimizer, model.Weights), generatedObjective);
    }

    /// <summary>The torch model being trained.</summary>
    internal TorchModel Model => _model;

    public TrainingOutcome Train(
        IBatchObjective objective, int epochs, EpochSelection? selection, DeterministicRandom shuffle, DeterministicRandom dropout, CancellationToken cancellationToken)
    {
        using var generator = Seeded(dropout);
        return _loop.Train(_step, objective, epochs, selection, shuffle, dropout, cancellationToken);
    }

    public TrainingOutcome Train(
        ILossCombiner combiner, int epochs, EarlyStoppingSpec? earlyStopping, DeterministicRandom shuffle, DeterministicRandom dropout, CancellationToken cancellationToken)
    {
        using var generator = Seeded(dropout);
        return _loop.Train(_step, combiner, epochs, earlyStopping, shuffle, dropout, cancellationToken);
    }

    public void ResetOptimizer() => _step.ResetOptimizer();

    public void Dispose()
    {
        _step.Dispose();
        _model.Dispose();
    }

    private Generator Seeded(DeterministicRandom dropout)
    {
        var generator = new Generator(dropout.NextUInt64());
        _step.Dropout = generator;
        return generator;
    }
}
