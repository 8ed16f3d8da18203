namespace FairMtl.Objectives.Constraints;

/// <summary>
/// What a group's harm h(g) measures on one head (this project's formulas, after the FairMT abstract; see
/// <see cref="GroupHarm"/> for the definitions). Larger is worse for the group.
/// </summary>
public enum HarmKind
{
    /// <summary>Missed opportunity: one minus the group's mean soft rate of the favourable outcome over its rows whose
    /// label is the favourable outcome (binary, multi-label; per class for multi-class heads).</summary>
    Opportunity,

    /// <summary>Missed parity: one minus the group's mean soft rate of the favourable outcome over all its labelled rows
    /// (binary and multi-label heads only; meaningless for softmax heads, whose class rates sum to one).</summary>
    Parity,

    /// <summary>The group's mean squared error (regression heads).</summary>
    Mse,

    /// <summary>The group's mean absolute error (regression heads).</summary>
    Mae,
}
