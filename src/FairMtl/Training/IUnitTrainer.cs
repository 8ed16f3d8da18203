using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Spec;

namespace FairMtl.Training;

/// <summary>
/// What trains one unit's network on one engine: mini-batches over the training part in the order of the "shuffle"
/// stream, an objective per step, optional epoch selection on a validation loss, and the optimiser the spec declares.
/// When a call returns, the native <see cref="Nn.MultiHeadNetwork"/> the trainer was made for holds the trained weights
/// (the selected epoch's when one is restored): evaluation reads them there, whatever the engine.
/// </summary>
public interface IUnitTrainer : IDisposable
{
    /// <summary>Trains for up to <paramref name="epochs"/> epochs with <paramref name="objective"/>; stops early on
    /// divergence (a non-finite objective) or when <paramref name="selection"/> runs out of patience.</summary>
    TrainingOutcome Train(
        IBatchObjective objective, int epochs, EpochSelection? selection, DeterministicRandom shuffle, DeterministicRandom dropout, CancellationToken cancellationToken);

    /// <summary>Trains with the heads' task losses combined by <paramref name="combiner"/> and optional early stopping
    /// on a head's validation loss.</summary>
    TrainingOutcome Train(
        ILossCombiner combiner, int epochs, EarlyStoppingSpec? earlyStopping, DeterministicRandom shuffle, DeterministicRandom dropout, CancellationToken cancellationToken);

    /// <summary>Forgets the optimiser's state (moments, accumulators): the next step starts as a fresh optimiser's.</summary>
    void ResetOptimizer();
}
