namespace FairMtl.Objectives.Routing;

/// <summary>
/// The losses on one head and where their gradient goes: the head's gradient is <c>sum_t Coefficient_t * dTerm_t</c>;
/// the head's parameters receive it times <see cref="HeadScale"/>, the trunk times <see cref="TrunkScale"/>
/// (0: the trunk does not see it; negative: gradient reversal). With <see cref="TrunkTerms"/>, the trunk receives
/// <c>TrunkScale * sum_t Coefficient_t * dTerm_t</c> over those terms instead (MTA-F: a fairness loss split between
/// head and trunk).
/// </summary>
/// <param name="Terms">The terms and their coefficients.</param>
/// <param name="HeadScale">Factor for the head's own parameters (its weight in the objective).</param>
/// <param name="TrunkScale">Factor for the gradient sent into the trunk.</param>
/// <param name="TrunkTerms">The terms whose gradient the trunk receives, when they differ from <paramref name="Terms"/>.</param>
public sealed record HeadRoute(
    IReadOnlyList<(ILossTerm Term, double Coefficient)> Terms,
    float HeadScale,
    float TrunkScale,
    IReadOnlyList<(ILossTerm Term, double Coefficient)>? TrunkTerms = null);
