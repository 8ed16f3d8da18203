namespace FairMtl.Spec;

/// <summary>
/// A fairness-constrained heterogeneous multi-task experiment, this project's design after the abstract of FairMT
/// (Hu et al., 2025; the formulas are ours, <c>docs/fairmt.md</c>): regression, binary, multi-class and multi-label
/// tasks on one trunk, labels that may be missing per task, one-sided group harms aggregated into one constraint, and
/// methods that train against it (unconstrained MTL, fixed-lambda penalties, primal-dual) at every point of a sweep.
/// </summary>
/// <param name="Name">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Description">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Data">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Model">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="HeadHidden">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Tasks">The tasks, of any <see cref="TaskSpec.Type"/>; those with a <see cref="TaskSpec.Harm"/> are constrained.</param>
/// <param name="Sensitive">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Methods">The methods (<see cref="MethodKind.MultiTask"/>, <see cref="MethodKind.Penalty"/>, <see cref="MethodKind.PrimalDual"/>).</param>
/// <param name="Protocol">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Training">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Constraint">How the tasks' harms become one constraint value.</param>
/// <param name="Sweep">The penalty weights and the constraint bounds the methods train at.</param>
public sealed record FairMtSpec(
    string Name,
    string Description,
    DataSpec Data,
    ModelSpec Model,
    EquatableArray<int> HeadHidden,
    EquatableArray<TaskSpec> Tasks,
    EquatableArray<SensitiveAttributeSpec> Sensitive,
    EquatableArray<MethodSpec> Methods,
    ProtocolSpec Protocol,
    ComparisonTrainingSpec Training,
    ConstraintSpec Constraint,
    ConstraintSweepSpec Sweep)
    : ComparisonSpec(Name, Description, Data, Model, HeadHidden, Tasks, Sensitive, Methods, Protocol, Training)
{
    /// <summary>The sweep values <paramref name="method"/> trains at: every lambda (penalty, MTA-F and its baseline), every
    /// epsilon (primal-dual), or NaN alone (unconstrained MTL).</summary>
    public IReadOnlyList<double> SweepPoints(MethodSpec method) => method.Kind switch
    {
        MethodKind.Penalty or MethodKind.MtaF or MethodKind.FairMultiTask => Sweep.Lambdas,
        MethodKind.PrimalDual => Sweep.Epsilons,
        _ => [double.NaN],
    };
}

/// <summary>The one fairness constraint F: per sensitive attribute and constrained task a violation v_t of the task's
/// harms over the attribute's groups, aggregated over the tasks after dividing by each task's scale, then over the
/// attributes by the same rule.</summary>
/// <param name="Attributes">The sensitive attributes whose groups the harms compare (the first one's groups are the ones
/// a task's injected <c>missing.group</c> names).</param>
/// <param name="Reference">What a group's harm is compared with: the best-off group or the whole population.</param>
/// <param name="Aggregation">Maximum or smooth (Boltzmann) maximum over the tasks.</param>
/// <param name="Temperature">The smooth maximum's temperature (ignored by the maximum).</param>
/// <param name="Smoothing">Training: the decay a of the group harms' running statistics (a harm then estimates its
/// group's rate from about 1 / (1 - a) batches; 0: each batch alone).</param>
public sealed record ConstraintSpec(EquatableArray<string> Attributes, HarmReference Reference, AggregationKind Aggregation, double Temperature, double Smoothing = 0d);

/// <summary>A task's harm in the constraint.</summary>
/// <param name="Kind">Opportunity or parity (classification), MSE or MAE (regression).</param>
/// <param name="Tolerance">delta_t: harm above the reference by at most this much is no violation.</param>
/// <param name="Scale">s_t, the violation's divisor in the aggregation; 0: measured (the spread of the task's labels).</param>
/// <param name="FavourableNegative">Binary and multi-label tasks: the negative class is the favourable outcome (parity:
/// harm = the positive rate; opportunity: harm = the false-positive rate, MTA-F's quantity).</param>
public sealed record HarmSpec(HarmKind Kind, double Tolerance, double Scale, bool FavourableNegative = false);

/// <summary>A differentiable per-group harm (lower is better for the group).</summary>
public enum HarmKind
{
    /// <summary>1 - soft true-positive rate (multi-class: averaged over classes; multi-label: over labels).</summary>
    Opportunity,

    /// <summary>1 - soft positive rate (or the positive rate when the negative class is favourable).</summary>
    Parity,

    /// <summary>The group's mean squared error.</summary>
    Mse,

    /// <summary>The group's mean absolute error.</summary>
    Mae,
}

/// <summary>What a group's harm is compared with.</summary>
public enum HarmReference
{
    /// <summary>The smallest group harm.</summary>
    BestGroup,

    /// <summary>The harm of all rows together.</summary>
    Population,
}

/// <summary>How a task's group harms become its violation.</summary>
public enum ViolationKind
{
    /// <summary>max_g [h(g) - sg(h_ref) - delta]_+: only groups worse off than the reference are pushed.</summary>
    OneSided,

    /// <summary>max_g h(g) - min_g h(g): the baseline that may level down.</summary>
    Symmetric,
}

/// <summary>How the tasks' scaled violations become one value.</summary>
public enum AggregationKind
{
    /// <summary>The maximum.</summary>
    Max,

    /// <summary>The Boltzmann-weighted mean with a temperature (tends to the maximum as it shrinks; 0 when every
    /// violation is 0).</summary>
    Smooth,
}

/// <summary>Labels removed on purpose from a task's training and validation rows (the test rows keep theirs).</summary>
/// <param name="Rate">The share of the eligible rows whose label is removed.</param>
/// <param name="Mechanism">Every row eligible, or only the rows of one group.</param>
/// <param name="Group">By group: the group (of the constraint's attribute) whose rows lose labels.</param>
public sealed record MissingLabelsSpec(double Rate, MissingMechanism Mechanism, string Group);

/// <summary>Which rows lose labels.</summary>
public enum MissingMechanism
{
    /// <summary>Missing completely at random: any row, with the same probability.</summary>
    Mcar,

    /// <summary>Only the rows of one group.</summary>
    ByGroup,
}

/// <summary>The points each method trains at: penalty methods at every lambda, primal-dual methods at every epsilon,
/// unconstrained MTL once.</summary>
/// <param name="Lambdas">The penalty weights.</param>
/// <param name="Epsilons">The constraint bounds.</param>
public sealed record ConstraintSweepSpec(EquatableArray<double> Lambdas, EquatableArray<double> Epsilons);
