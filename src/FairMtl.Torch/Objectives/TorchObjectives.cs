using FairMtl.Nn;
using FairMtl.Objectives.Constraints;
using FairMtl.Objectives.Routing;
using FairMtl.Training;

namespace FairMtl.Torch.Objectives;

/// <summary>The torch form of a native objective.</summary>
public static class TorchObjectives
{
    /// <summary>The torch form of <paramref name="objective"/>, which trains <paramref name="network"/>. A routed
    /// objective's is <paramref name="generated"/> when given (the objective the source generator wrote for a compiled
    /// comparison's method), else its routes in torch operations.</summary>
    /// <exception cref="NotSupportedException">The objective has no torch form.</exception>
    public static ITorchObjective For(IBatchObjective objective, MultiHeadNetwork network, ITorchObjective? generated = null) => objective switch
    {
        RoutedObjective routed => generated ?? new TorchRoutedObjective(routed.Routes),
        ConstrainedObjective constrained => new TorchConstrainedObjective(constrained, network),
        _ => throw new NotSupportedException(
            $"The torch engine has no form of the objective {objective.GetType().Name}: give it one in TorchObjectives.For (docs/torch-engine.md)."),
    };
}
