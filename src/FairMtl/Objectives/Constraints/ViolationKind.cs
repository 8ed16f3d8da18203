namespace FairMtl.Objectives.Constraints;

/// <summary>How one task's group harms become its violation v_t.</summary>
public enum ViolationKind
{
    /// <summary>Only harm above the reference counts, and only the worse-off group is pushed
    /// (<see cref="OneSidedViolation"/>).</summary>
    OneSided,

    /// <summary>The baseline max_g h(g) - min_g h(g), which pushes both extreme groups and so can level down
    /// (<see cref="SymmetricGap"/>).</summary>
    Symmetric,
}
