using FairMtl.Objectives.Routing;
using FairMtl.Training;

namespace FairMtl.Torch.Objectives;

/// <summary>The torch form of a native objective, when it has one.</summary>
public static class TorchObjectives
{
    /// <summary>The torch form of <paramref name="objective"/>, or null (the engine then back-propagates the native
    /// objective's output gradients).</summary>
    public static ITorchObjective? For(IBatchObjective objective) => objective switch
    {
        RoutedObjective routed => new TorchRoutedObjective(routed.Routes),
        _ => null,
    };
}
