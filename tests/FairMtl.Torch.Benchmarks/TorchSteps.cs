using FairMtl.Benchmarks;
using FairMtl.Training;

namespace FairMtl.Torch.Benchmarks;

/// <summary>The step cases trained by the libtorch engine, measured as the native benchmark measures them
/// (<see cref="StepResult.Median"/>).</summary>
internal static class TorchSteps
{
    /// <summary>
    /// The Pires step: the case's network and rows on a <see cref="TorchEngine"/> trainer, trained with the heads' task
    /// losses combined by the sweep's weighting (<see cref="IUnitTrainer.Train(FairMtl.Objectives.ILossCombiner, int, FairMtl.Spec.EarlyStoppingSpec?, FairMtl.Numerics.DeterministicRandom, FairMtl.Numerics.DeterministicRandom, CancellationToken)"/>:
    /// the sweeps' head-loss path, torch's autograd through losses, heads and trunk).
    /// </summary>
    public static StepResult Pires(TorchEngine engine, PiresStepCase stepCase, int epochs)
    {
        var setup = stepCase.Build();
        using var trainer = engine.Create(setup.Network, setup.Train, setup.Validation, PiresStepCase.Settings);
        return StepResult.Median(
            count => trainer.Train(setup.Combiner, count, null, stepCase.Shuffle, stepCase.Dropout, CancellationToken.None),
            epochs);
    }

    /// <summary>
    /// A classification step: the unit's network (<see cref="ClassificationStepCase.Prepare"/>) on a
    /// <see cref="TorchEngine"/> trainer over the repetition's training rows, trained with the method's routed objective
    /// (the comparison kinds' path: the objective evaluated on the heads' outputs, its gradients back-propagated by torch
    /// with their head and trunk factors), no per-epoch validation.
    /// </summary>
    public static StepResult Classification(TorchEngine engine, ClassificationStepCase stepCase, int epochs)
    {
        var unit = stepCase.Prepare();
        using var trainer = engine.Create(unit.Network, stepCase.TrainingRows, stepCase.Repetition.Validation, stepCase.Settings);
        return StepResult.Median(
            count => trainer.Train(unit.Objective, count, null, stepCase.Shuffle, stepCase.Dropout, CancellationToken.None),
            epochs);
    }
}
