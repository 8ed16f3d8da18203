using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using FairMtl.Torch.Training;
using FairMtl.Training;
using static TorchSharp.torch;

namespace FairMtl.Torch;

/// <summary>
/// <c>training.engine: torch</c>: units trained by libtorch through TorchSharp, on one intra-op thread (runs in
/// parallel are separate units, as on the native engine). TorchSharp 0.107 does not implement
/// <c>use_deterministic_algorithms</c>; on the CPU with one thread the operations used here (matrix products,
/// element-wise operations, reductions) have a fixed order, and the determinism tests hold it to that. Each unit's torch model
/// starts from its own initial weights, drawn by torch from the unit's seed (<see cref="TorchInitialization"/>), or,
/// for cross-checks, from the native network's (<see cref="StartFromNativeWeights"/>); after training the native network
/// holds the trained weights, and every metric is computed there, by the same code for both engines. A unit of a compiled
/// experiment trains the module the source generator wrote for it (<see cref="TorchModels"/>), and a unit of a compiled
/// comparison its method's generated module and objective (<see cref="TorchComparisons"/>); any other the
/// <see cref="RuntimeModel"/> built from its network's layout (with <see cref="Objectives.TorchRoutedObjective"/> for a
/// comparison's routes).
/// </summary>
public sealed class TorchEngine : ITrainingEngine
{
    private static readonly Lock Gate = new();
    private static bool _configured;

    /// <param name="startFromNativeWeights">Start every unit from the native network's initial weights instead of
    /// torch's own draw (the cross-checks against the native engine).</param>
    public TorchEngine(bool startFromNativeWeights = false)
    {
        StartFromNativeWeights = startFromNativeWeights;
        Configure();
    }

    /// <summary>Whether units start from the native network's initial weights.</summary>
    public bool StartFromNativeWeights { get; }

    public TrainingEngine Kind => TrainingEngine.Torch;

    /// <summary>This engine's build (its assembly's module version id, content-derived in the project's deterministic
    /// builds) and TorchSharp's version: a unit stored by one is not reused by another.</summary>
    public string Version { get; } =
        $"{typeof(TorchEngine).Assembly.ManifestModule.ModuleVersionId:N}/TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}";

    /// <summary>Registers a torch engine (own initial weights) with <see cref="TrainingEngines"/>.</summary>
    public static void Register() => TrainingEngines.Register(new TorchEngine());

    public IUnitTrainer Create(MultiHeadNetwork network, DataPart train, DataPart validation, TrainerSettings settings)
    {
        if (settings.Conditioner is not null || network.Conditions > 0)
        {
            throw new InvalidOperationException("The torch engine does not train loss-conditional networks (sweep.conditional); the native engine does.");
        }

        // The experiment's generated model (and, for a comparison's unit, its method's generated objective) when it runs as
        // compiled and this is its network; else (a spec read at run time, a baseline's network) the model of the
        // network's layout (and the routed objective). Both give the same bits.
        var comparison = settings.Method is null ? null : TorchComparisons.Find(settings.Experiment);
        var model = comparison?.Model(network, settings.Method!) ?? TorchModels.Create(settings.Experiment, network) ?? new RuntimeModel(network);
        var objective = model is RuntimeModel ? null : comparison?.Objective(settings.Method!);
        if (StartFromNativeWeights)
        {
            WeightTransfer.ToTorch(network, model);
        }
        else
        {
            using var generator = new Generator(DeterministicRandom.ForStream(settings.Seed, "torch-init").NextUInt64());
            try
            {
                TorchInitialization.Initialize(model, network, settings.Init, generator);
            }
            finally
            {
                TorchScalars.Release();
            }

            WeightTransfer.ToNative(model, network);
        }

        return new TorchTrainer(network, train, validation, model, settings.Optimizer, settings.BatchSize, objective);
    }

    /// <summary>One intra-op thread and one inter-op thread, once per process.</summary>
    private static void Configure()
    {
        lock (Gate)
        {
            if (_configured)
            {
                return;
            }

            set_num_threads(1);
            set_num_interop_threads(1);
            _configured = true;
        }
    }
}
