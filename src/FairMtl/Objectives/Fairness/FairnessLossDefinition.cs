using FairMtl.Spec;

namespace FairMtl.Objectives.Fairness;

/// <summary>
/// Which batch fairness loss a term computes, with its settings: what <see cref="FairnessLosses.Create"/> builds the
/// native loss from, and what another engine reads to write the same loss in its own operations.
/// </summary>
/// <param name="Kind">The loss.</param>
/// <param name="GroupCount">The number of groups; row group indices run from 0 to this, exclusive.</param>
/// <param name="Epsilon">The per-group loss bound (<see cref="FairnessLossKind.Bgl"/> only).</param>
/// <param name="Bandwidth">The Gaussian kernel's bandwidth (<see cref="FairnessLossKind.Mmd"/> only).</param>
public sealed record FairnessLossDefinition(FairnessLossKind Kind, int GroupCount, double Epsilon = 0d, double Bandwidth = 1d)
{
    /// <summary>A new native instance of the loss (its scratch sized for batches of <paramref name="maxRows"/> rows).</summary>
    public IBatchFairnessLoss Create(int maxRows = 0) => FairnessLosses.Create(Kind, GroupCount, Epsilon, Bandwidth, maxRows);
}
