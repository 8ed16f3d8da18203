using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Spec;

namespace FairMtl.Training;

/// <summary>
/// The engines this process can train with: the native one always; the libtorch one once a host or test that references
/// <c>FairMtl.Torch</c> registers it (the default host does not, so that its build never restores libtorch).
/// </summary>
public static class TrainingEngines
{
    private static volatile ITrainingEngine? _torch;

    /// <summary>Makes <paramref name="engine"/> available to every experiment that declares its kind.</summary>
    public static void Register(ITrainingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine.Kind != TrainingEngine.Torch)
        {
            throw new ArgumentException($"Only the torch engine can be registered; the native one is built in.", nameof(engine));
        }

        _torch = engine;
    }

    /// <summary>Whether <paramref name="kind"/> can train in this process.</summary>
    public static bool IsAvailable(TrainingEngine kind) => kind == TrainingEngine.Native || _torch is not null;

    /// <summary>What to do to train with <paramref name="kind"/> when it is not available (null when it is).</summary>
    public static string? Unavailability(TrainingEngine kind) => IsAvailable(kind)
        ? null
        : "training.engine: torch needs the libtorch engine, which this program does not include; run the experiment with "
          + "'dotnet run --project src/FairMtl.Torch.Host -- <experiment>' (it restores TorchSharp and libtorch, about 600 MB, "
          + "once; README.md, 'Running on libtorch')";

    /// <summary>The engine of <paramref name="kind"/>.</summary>
    /// <exception cref="InvalidOperationException">It is not available (see <see cref="Unavailability"/>).</exception>
    public static ITrainingEngine For(TrainingEngine kind) => kind switch
    {
        TrainingEngine.Native => NativeEngine.Instance,
        _ => _torch ?? throw new InvalidOperationException(Unavailability(kind)),
    };

    /// <summary>A trainer on the engine of <paramref name="kind"/>.</summary>
    public static IUnitTrainer Create(TrainingEngine kind, MultiHeadNetwork network, DataPart train, DataPart validation, TrainerSettings settings) =>
        For(kind).Create(network, train, validation, settings);
}
