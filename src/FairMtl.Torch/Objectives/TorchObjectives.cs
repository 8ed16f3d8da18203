using FairMtl.Objectives.Routing;
using FairMtl.Training;

namespace FairMtl.Torch.Objectives;

/// <summary>The torch form of a native objective, when it has one.</summary>
public static class TorchObjectives
{
    /// <summary>The torch form of <paramref name="objective"/>, or null (the engine then back-propagates the native
    /// objective's output gradients). A routed objective's is <paramref name="generated"/> when given (the objective the
    /// source generator wrote for a compiled comparison's method), else its routes in torch operations.</summary>
    public static ITorchObjective? For(IBatchObjective objective, ITorchObjective? generated = null) => objective switch
    {
        RoutedObjective routed => generated ?? new TorchRoutedObjective(routed.Routes),
        _ => null,
    };
}
