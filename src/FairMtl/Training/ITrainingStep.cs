namespace FairMtl.Training;

/// <summary>
/// One optimiser step of an engine other than the native one, inside <see cref="ModelTrainer"/>'s loop: the loop
/// gathers the batches (the same rows in the same order as a native run) and selects epochs on the native network;
/// the step trains the engine's own copy of the weights and keeps the native network in step when asked.
/// </summary>
public interface ITrainingStep
{
    /// <summary>Forward pass, <paramref name="objective"/>, backward pass and optimiser step on one batch
    /// (<paramref name="inputs"/>: <c>batch.Rows</c> rows of the data's inputs); the objective's value (non-finite: the
    /// weights were not updated). Dropout masks come from the engine's own generator, which its trainer seeds from the
    /// unit's "dropout" stream.</summary>
    double Run(ReadOnlySpan<float> inputs, TrainingBatch batch, IBatchObjective objective);

    /// <summary>Copies the engine's current weights (and moving statistics) into the native network.</summary>
    void Publish();

    /// <summary>The native network's weights were restored (the selected epoch's): the engine takes them.</summary>
    void Reload();
}
