using FairMtl.Data;
using FairMtl.Numerics;
using FairMtl.Objectives.Fairness;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;

namespace FairMtl.Comparisons;

/// <summary>
/// What a method trains: its heads, each head's target, the routed objective, and which head scores each test row
/// for each task.
/// </summary>
/// <param name="Heads">The heads in network order.</param>
/// <param name="Targets">Per head name, the data labels it trains on: a task (<see cref="HeadTarget.Task"/>) or an
/// attribute's group membership (<see cref="HeadTarget.Group"/>).</param>
/// <param name="Routes">One route per head.</param>
/// <param name="Decomposition">For group decomposition: the attribute whose group picks the head (else null).</param>
public sealed record MethodNetwork(
    IReadOnlyList<HeadSpec> Heads,
    IReadOnlyList<HeadTarget> Targets,
    IReadOnlyList<HeadRoute> Routes,
    string? Decomposition)
{
    /// <summary>The heads, targets and routes of <paramref name="method"/> (for the multi-task family, at the sweep
    /// <paramref name="setting"/>).</summary>
    public static MethodNetwork For(
        MethodSpec method, ComparisonSpec spec, IReadOnlyList<SensitiveGroups> attributes, MultiTaskSetting? setting = null)
    {
        var heads = new List<HeadSpec>();
        var targets = new List<HeadTarget>();
        var routes = new List<HeadRoute>();
        void Add(string name, HeadTarget target, HeadRoute route)
        {
            var hidden = target.Task is not null && name == target.Task ? spec.HeadHidden : EquatableArray<int>.Empty;
            heads.Add(new HeadSpec(name, target.Task ?? target.Attribute!, HeadTask.Binary, false, hidden));
            targets.Add(target);
            routes.Add(route);
        }

        var summed = spec.Training.Reduction == LossReduction.Sum;
        var bce = BinaryTask(summed);
        switch (method.Kind)
        {
            case MethodKind.SingleTask:
                foreach (var task in spec.Tasks)
                {
                    Add(task.Name, HeadTarget.OfTask(task.Name), Route(1f, 1f, (bce, 1d)));
                }

                break;
            case MethodKind.Regularized:
                foreach (var task in spec.Tasks)
                {
                    var terms = new List<(ILossTerm, double)> { (bce, 1d) };
                    terms.AddRange(attributes.Select(a => ((ILossTerm)Penalty(method.Loss, a, method.Epsilon, 0d, spec.Training.BatchSize, RowSubset.All, []), method.Lambda)));
                    Add(task.Name, HeadTarget.OfTask(task.Name), new HeadRoute(terms, 1f, 1f));
                }

                break;
            case MethodKind.Adversarial:
                foreach (var task in spec.Tasks)
                {
                    Add(task.Name, HeadTarget.OfTask(task.Name), Route(1f, 1f, (bce, 1d)));
                }

                foreach (var attribute in attributes)
                {
                    var reversed = (float)-method.Weight;
                    if (attribute.Count == 2)
                    {
                        Add($"adversary.{attribute.Name}", HeadTarget.OfGroup(attribute.Name, 1), Route(1f, reversed, (bce, 1d)));
                        continue;
                    }

                    for (var g = 0; g < attribute.Count; g++)
                    {
                        Add($"adversary.{attribute.Name}.{g}", HeadTarget.OfGroup(attribute.Name, g), Route(1f, reversed, (bce, 1d)));
                    }
                }

                break;
            case MethodKind.GroupDecomposition:
                var split = attributes.First(a => a.Name == method.Attribute);
                foreach (var task in spec.Tasks)
                {
                    for (var g = 0; g < split.Count; g++)
                    {
                        Add($"{task.Name}.{split.Name}.{g}", HeadTarget.OfTask(task.Name), Route(1f, 1f, (new GroupTaskTerm(split.Name, g), 1d)));
                    }
                }

                return new MethodNetwork(heads, targets, routes, split.Name);
            case MethodKind.Auxiliary:
                var lambda = (float)method.Lambda;
                foreach (var task in spec.Tasks)
                {
                    Add(task.Name, HeadTarget.OfTask(task.Name), Route(lambda, lambda, (bce, 1d)));
                }

                foreach (var attribute in attributes)
                {
                    foreach (var task in spec.Tasks)
                    {
                        Add($"fairness.{attribute.Name}.{task.Name}", HeadTarget.OfTask(task.Name), Route(1f - lambda, 1f - lambda, (Penalty(method.Loss, attribute, method.Epsilon, 0d, spec.Training.BatchSize, RowSubset.All, []), 1d)));
                    }
                }

                break;
            case MethodKind.MultiTask or MethodKind.FairMultiTask or MethodKind.MtaF:
                var at = setting ?? throw new ArgumentNullException(nameof(setting), "The multi-task methods need a sweep setting.");
                var taskHeads = Enumerable.Range(0, spec.Tasks.Count).ToArray();
                for (var t = 0; t < spec.Tasks.Count; t++)
                {
                    var weight = (float)at.Weights[t];
                    var (head, trunk) = MultiTaskTerms(method, spec, attributes, at, t, taskHeads);
                    Add(spec.Tasks[t].Name, HeadTarget.OfTask(spec.Tasks[t].Name), new HeadRoute(head, weight, weight, trunk));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method.Kind, null);
        }

        return new MethodNetwork(heads, targets, routes, null);
    }

    /// <summary>The part with each head's training targets (arrays are shared, not copied).</summary>
    public DataPart WithTargets(DataPart part)
    {
        var targets = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var h = 0; h < Heads.Count; h++)
        {
            var target = Targets[h];
            targets[Heads[h].Name] = target.Task is { } task
                ? part.Targets[task]
                : GroupIndicator(part.Groups![target.Attribute!], target.Group);
        }

        return part with { Targets = targets };
    }

    /// <summary>
    /// The head that scores each row of <paramref name="part"/> for the task with index <paramref name="task"/> in the
    /// spec: the task's head, or for group decomposition the head of the row's group.
    /// </summary>
    public int[] ScoringHeads(DataPart part, int task, int taskCount)
    {
        var heads = UnitBuffers.Rent<int>(part.Rows);
        if (Decomposition is null)
        {
            Array.Fill(heads, task);
            return heads;
        }

        var groups = part.Groups![Decomposition];
        var perTask = Heads.Count / taskCount;
        for (var r = 0; r < part.Rows; r++)
        {
            heads[r] = (task * perTask) + groups[r];
        }

        return heads;
    }

    /// <summary>1 for the rows of <paramref name="group"/>, else 0 (an array of the unit: see <see cref="UnitBuffers"/>).</summary>
    private static float[] GroupIndicator(int[] groups, int group)
    {
        var indicator = UnitBuffers.Rent<float>(groups.Length);
        for (var r = 0; r < groups.Length; r++)
        {
            indicator[r] = groups[r] == group ? 1f : 0f;
        }

        return indicator;
    }

    /// <summary>A binary task's cross-entropy over the rows labelled for it (a missing label, NaN, takes no part; with
    /// every label present, the plain mean cross-entropy bit for bit), or its sum over them.</summary>
    private static HeadTaskTerm BinaryTask(bool summed) => new(HeadTask.Binary, RegressionLoss.Mse, 0, summed);

    private static HeadRoute Route(float headScale, float trunkScale, (ILossTerm Term, double Coefficient) term) =>
        new([term], headScale, trunkScale);


    private static FairnessTerm Penalty(
        FairnessLossKind kind,
        SensitiveGroups attribute,
        double epsilon,
        double bandwidth,
        int maxRows,
        RowSubset subset,
        int[] otherHeads,
        string? task = null,
        bool summed = false) =>
        new(
            new FairnessLossDefinition(kind, attribute.Count, epsilon, bandwidth),
            () => task is null ? $"{kind.ToString().ToUpperInvariant()} on '{attribute.Name}'" : $"{kind.ToString().ToUpperInvariant()} on '{attribute.Name}' ({subset} of '{task}')",
            attribute.Name,
            maxRows,
            subset,
            otherHeads,
            summed);

    /// <summary>
    /// Task t's terms for its head and (MTA-F only, else null) for the trunk: the task's cross-entropy plus, per
    /// attribute, the fairness loss on the task's negatives (and positives for equalised odds) times lambda_t; MTA-F puts
    /// the loss on the exclusive rows (times lambda_t r_t) on the head and the rest (all rows minus exclusive rows, times
    /// lambda_t) on the trunk (minus lambda_t r_t times the exclusive rows' loss with <see cref="SharedFairness.ReleasedCode"/>).
    /// </summary>
    private static (List<(ILossTerm, double)> Head, List<(ILossTerm, double)>? Trunk) MultiTaskTerms(
        MethodSpec method, ComparisonSpec spec, IReadOnlyList<SensitiveGroups> attributes, MultiTaskSetting setting, int t, int[] taskHeads)
    {
        var summed = spec.Training.Reduction == LossReduction.Sum;
        var bce = BinaryTask(summed);
        var head = new List<(ILossTerm, double)> { (bce, 1d) };
        if (method.Kind == MethodKind.MultiTask)
        {
            return (head, null);
        }

        var lambda = setting.Lambdas[t];
        var trunk = method.Kind == MethodKind.MtaF ? new List<(ILossTerm, double)> { (bce, 1d) } : null;
        var sides = method.Condition == FairnessCondition.Odds
            ? new[] { (RowSubset.Negatives, RowSubset.ExclusiveNegatives), (RowSubset.Positives, RowSubset.ExclusivePositives) }
            : [(RowSubset.Negatives, RowSubset.ExclusiveNegatives)];
        var rows = spec.Training.BatchSize;
        var task = spec.Tasks[t].Name;
        foreach (var attribute in attributes)
        {
            foreach (var (all, exclusive) in sides)
            {
                FairnessTerm Term(RowSubset subset) => Penalty(method.Loss, attribute, 0d, method.Bandwidth, rows, subset, taskHeads, task, summed);
                if (trunk is null)
                {
                    head.Add((Term(all), lambda));
                    continue;
                }

                var exclusiveTerm = Term(exclusive);
                head.Add((exclusiveTerm, lambda * setting.Ratios[t]));
                trunk.Add((Term(all), lambda));
                trunk.Add((exclusiveTerm, method.Shared == SharedFairness.ReleasedCode ? -lambda * setting.Ratios[t] : -lambda));
            }
        }

        return (head, trunk);
    }
}

/// <summary>What a head trains on: a task's labels, or membership of a group of an attribute (adversaries).</summary>
/// <param name="Task">The task whose labels are the target, or null.</param>
/// <param name="Attribute">The attribute of a group-membership target, or null.</param>
/// <param name="Group">The group whose members are the positives.</param>
public sealed record HeadTarget(string? Task, string? Attribute, int Group)
{
    public static HeadTarget OfTask(string task) => new(task, null, 0);

    public static HeadTarget OfGroup(string attribute, int group) => new(null, attribute, group);
}
