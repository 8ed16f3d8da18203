using System.Collections.Concurrent;
using FairMtl.Comparisons;
using FairMtl.Nn;
using FairMtl.Torch.Objectives;

namespace FairMtl.Torch.Modules;

/// <summary>
/// The torch code the source generator wrote for compiled comparisons, by experiment name: for each, the module of a
/// method's network and the method's training objective. An assembly of compiled torch comparisons registers them when
/// it is loaded (a generated module initializer). The torch engine asks for the comparison a unit belongs to
/// (<see cref="FairMtl.Training.TrainerSettings.Experiment"/>, set only when the comparison runs from its compiled YAML)
/// with the unit's method (<see cref="FairMtl.Training.TrainerSettings.Method"/>); a comparison read at run time trains
/// <see cref="RuntimeModel"/> with <see cref="TorchRoutedObjective"/>, which give the same bits.
/// </summary>
public static class TorchComparisons
{
    private static readonly ConcurrentDictionary<string, GeneratedComparison> Registered = new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) the generated code of comparison <paramref name="experiment"/>.</summary>
    public static void Register(string experiment, GeneratedComparison code)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(code);
        Registered[experiment] = code;
    }

    /// <summary>The code registered for <paramref name="experiment"/>, or null.</summary>
    public static GeneratedComparison? Find(string? experiment) =>
        experiment is not null && Registered.TryGetValue(experiment, out var code) ? code : null;
}

/// <summary>A compiled comparison's generated torch code.</summary>
/// <param name="Model">The module of a unit's network for its method, or null (a method it has no code for).</param>
/// <param name="Objective">The training objective of a unit's method, or null.</param>
public sealed record GeneratedComparison(
    Func<MultiHeadNetwork, TrainedMethod, TorchModel?> Model,
    Func<TrainedMethod, ITorchObjective?> Objective);
