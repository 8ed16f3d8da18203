using FairMtl.Data;
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
    /// <summary>The heads, targets and routes of <paramref name="method"/>.</summary>
    public static MethodNetwork For(MethodSpec method, ComparisonSpec spec, IReadOnlyList<SensitiveGroups> attributes)
    {
        var heads = new List<HeadSpec>();
        var targets = new List<HeadTarget>();
        var routes = new List<HeadRoute>();
        void Add(string name, HeadTarget target, HeadRoute route)
        {
            heads.Add(new HeadSpec(name, target.Task ?? target.Attribute!, HeadTask.Binary, false, EquatableArray<int>.Empty));
            targets.Add(target);
            routes.Add(route);
        }

        var bce = new BinaryTaskTerm();
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
                    terms.AddRange(attributes.Select(a => ((ILossTerm)Penalty(method.Loss, a, method.Epsilon), method.Lambda)));
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
                        Add($"fairness.{attribute.Name}.{task.Name}", HeadTarget.OfTask(task.Name), Route(1f - lambda, 1f - lambda, (Penalty(method.Loss, attribute, 0d), 1d)));
                    }
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
                : part.Groups![target.Attribute!].Select(g => g == target.Group ? 1f : 0f).ToArray();
        }

        return part with { Targets = targets };
    }

    /// <summary>
    /// The head that scores each row of <paramref name="part"/> for the task with index <paramref name="task"/> in the
    /// spec: the task's head, or for group decomposition the head of the row's group.
    /// </summary>
    public int[] ScoringHeads(DataPart part, int task, int taskCount)
    {
        var heads = new int[part.Rows];
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

    private static HeadRoute Route(float headScale, float trunkScale, (ILossTerm Term, double Coefficient) term) =>
        new([term], headScale, trunkScale);

    private static FairnessTerm Penalty(FairnessLossKind kind, SensitiveGroups attribute, double epsilon) =>
        new(FairnessLosses.Create(kind, attribute.Count, epsilon), kind.ToString().ToUpperInvariant(), attribute.Name);
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
