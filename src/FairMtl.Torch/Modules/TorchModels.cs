using System.Collections.Concurrent;
using FairMtl.Nn;

namespace FairMtl.Torch.Modules;

/// <summary>
/// The torch models the source generator wrote for compiled experiments, by experiment name: an assembly of compiled
/// torch experiments registers each one's factory when it is loaded (a generated module initializer). The torch engine
/// asks for the experiment a unit belongs to (<see cref="FairMtl.Training.TrainerSettings.Experiment"/>) and falls back
/// to the <see cref="RuntimeModel"/> of the network's layout when there is no factory or the factory declines the
/// network (a sweep's single-task baseline has only some of the experiment's heads).
/// </summary>
public static class TorchModels
{
    private static readonly ConcurrentDictionary<string, Func<MultiHeadNetwork, TorchModel?>> Factories = new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) the factory of experiment <paramref name="experiment"/>'s generated model: it
    /// returns null for a network that is not the experiment's full multi-head network.</summary>
    public static void Register(string experiment, Func<MultiHeadNetwork, TorchModel?> factory)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(factory);
        Factories[experiment] = factory;
    }

    /// <summary>The factory registered for <paramref name="experiment"/>, or null.</summary>
    public static Func<MultiHeadNetwork, TorchModel?>? Find(string experiment) =>
        Factories.TryGetValue(experiment, out var factory) ? factory : null;

    /// <summary>The generated model of <paramref name="experiment"/> for <paramref name="network"/>, or null (no
    /// experiment, no generated model, or a network it does not describe).</summary>
    public static TorchModel? Create(string? experiment, MultiHeadNetwork network) =>
        experiment is not null && Find(experiment) is { } factory ? factory(network) : null;
}
