namespace FairMtl.Objectives.Constraints;

/// <summary>What a group's harm is compared with in a one-sided violation (<see cref="OneSidedViolation"/>).</summary>
public enum HarmReference
{
    /// <summary>The smallest harm of any present group (the best-off group).</summary>
    BestGroup,

    /// <summary>The harm of the whole population: every participating row of a known group.</summary>
    Population,
}
