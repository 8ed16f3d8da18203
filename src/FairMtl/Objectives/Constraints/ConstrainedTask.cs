using FairMtl.Spec;

namespace FairMtl.Objectives.Constraints;

/// <summary>One head under the fairness constraint (<see cref="FairnessConstraint"/>).</summary>
/// <param name="Head">The head's index into the per-head output, target and gradient arrays.</param>
/// <param name="Task">The head's task.</param>
/// <param name="Classes">Multi-class: the number of classes; multi-label: the number of labels; else ignored.</param>
/// <param name="Harm">The group harm the constraint compares (<see cref="GroupHarm"/>).</param>
/// <param name="Tolerance">δ ≥ 0 of the one-sided violation (ignored by the symmetric one).</param>
/// <param name="Scale">s_t &gt; 0: the violation is divided by this before aggregation.</param>
/// <param name="Violation">One-sided or symmetric.</param>
/// <param name="FavourableNegative">Binary and multi-label heads: the favourable outcome is the negative label.</param>
/// <param name="Offset">Binary and multi-label heads: the logit of the decision threshold the soft rates are taken at.</param>
public sealed record ConstrainedTask(
    int Head,
    HeadTask Task,
    int Classes,
    HarmKind Harm,
    double Tolerance,
    double Scale,
    ViolationKind Violation,
    bool FavourableNegative = false,
    double Offset = 0d);
