using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Spec;

namespace FairMtl.Training;

/// <summary>An engine that trains networks: the native one (always there) or an opt-in one registered with
/// <see cref="TrainingEngines.Register"/> (the libtorch engine of <c>FairMtl.Torch</c>).</summary>
public interface ITrainingEngine
{
    /// <summary>The <c>training.engine</c> value this engine serves.</summary>
    TrainingEngine Kind { get; }

    /// <summary>The version of the engine's code and of what it runs on, for the run store's unit identities
    /// (<see cref="Store.NumericsVersion.For"/>).</summary>
    string Version { get; }

    /// <summary>
    /// A trainer of <paramref name="network"/> (built and initialised by the kind from its "init" stream) on
    /// <paramref name="train"/>, with <paramref name="validation"/> for epoch selection.
    /// </summary>
    IUnitTrainer Create(MultiHeadNetwork network, DataPart train, DataPart validation, TrainerSettings settings);
}

/// <summary>How a unit's network is trained, apart from the objective.</summary>
/// <param name="BatchSize">Rows per mini-batch.</param>
/// <param name="Optimizer">The optimiser and its settings.</param>
/// <param name="Init">The declared weight initialiser (an engine that draws its own initial weights draws them from it).</param>
/// <param name="Seed">The unit's seed (an engine with its own random streams seeds them from it).</param>
/// <param name="Experiment">The name of the compiled experiment the unit belongs to when it runs from its compiled spec
/// and weighting (an engine may then train the model the source generator wrote for it); null for a spec read at run
/// time, whose model is built from the network's layout.</param>
/// <param name="Method">For a unit of a comparison: its method (at the unit's lambda), sweep setting and the data's
/// sensitive groups (an engine may train the code the source generator wrote for the method of a compiled comparison,
/// <paramref name="Experiment"/>); null for the other kinds. It does not change what the native engine does.</param>
/// <param name="Conditioner">For a loss-conditional network, what writes its conditioning inputs into every batch
/// (only the native engine trains such networks); null otherwise.</param>
public sealed record TrainerSettings(
    int BatchSize,
    OptimizerSpec Optimizer,
    Initializer Init,
    int Seed,
    string? Experiment = null,
    Comparisons.TrainedMethod? Method = null,
    IBatchConditioner? Conditioner = null);
