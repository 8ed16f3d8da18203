using FairMtl.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>The FairMT kind's own sections of a comparison file: which methods make a file one, <c>constraint</c> and
/// its <c>sweep</c> of lambdas and epsilons.</summary>
internal static class FairMtSectionReader
{
    /// <summary>Whether <c>methods</c> declares a FairMT method (kind <c>penalty</c> or <c>primal-dual</c>), judged
    /// before the methods are read so that the tasks are read with the kind's keys.</summary>
    public static bool Declares(YamlNodeReader methodsNode) =>
        methodsNode.Node is YamlMappingNode methods
        && methods.Children.Values.Any(method =>
            method is YamlMappingNode entries
            && entries.Children.TryGetValue(new YamlScalarNode("kind"), out var kind)
            && kind is YamlScalarNode { Value: { } text }
            && text.Trim().Replace('_', '-').ToLowerInvariant() is "penalty" or "primal-dual");

    /// <summary>A FairMT experiment compares unconstrained MTL, penalties and primal-dual training, and, where every task
    /// is binary, MTA-F and its fair multi-task baseline at each lambda.</summary>
    public static void CheckMethods(YamlNodeReader methodsNode, IReadOnlyList<MethodSpec> methods, IReadOnlyList<TaskSpec> tasks)
    {
        var odd = methods.FirstOrDefault(m => m.Kind is not (MethodKind.MultiTask or MethodKind.Penalty or MethodKind.PrimalDual or MethodKind.MtaF or MethodKind.FairMultiTask));
        if (odd is not null)
        {
            throw methodsNode.Error(
                DiagnosticCodes.InvalidValue,
                $"method '{odd.Name}' cannot be compared with the FairMT methods (penalty, primal-dual) in one experiment; "
                + "expected kind multi-task, penalty, primal-dual, mta-f or fair-multi-task");
        }

        var mtaf = methods.FirstOrDefault(m => m.Kind is MethodKind.MtaF or MethodKind.FairMultiTask);
        var other = tasks.FirstOrDefault(t => t.Type != HeadTask.Binary);
        if (mtaf is not null && other is not null)
        {
            throw methodsNode.Error(
                DiagnosticCodes.InvalidValue,
                $"method '{mtaf.Name}' ({(mtaf.Kind == MethodKind.MtaF ? "mta-f" : "fair-multi-task")}) needs binary tasks, but task '{other.Name}' is "
                + $"{TaskSectionReader.Spelling(other.Type)}; compare it in an experiment whose tasks are all binary");
        }

        if (mtaf is not null && tasks.Count < 2)
        {
            throw methodsNode.Error(DiagnosticCodes.InvalidValue, $"method '{mtaf.Name}' needs at least two tasks under 'tasks'");
        }
    }

    /// <summary>The <c>constraint</c> section (optional: the first sensitive attribute, best-group reference, maximum).</summary>
    public static ConstraintSpec ReadConstraint(YamlNodeReader? node, YamlNodeReader tasksNode, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<SensitiveAttributeSpec> sensitive)
    {
        if (tasks.All(task => task.Harm is null))
        {
            throw tasksNode.Error(
                DiagnosticCodes.MissingKey,
                "no task declares a 'harm', so there is nothing to constrain (expected 'harm: opportunity' or 'parity' on a classification task, 'mse' or 'mae' on a regression task)");
        }

        var constraint = node?.AsMapping("a mapping with keys attribute (or attributes), reference, aggregate, temperature, smoothing",
            "attribute", "attributes", "reference", "aggregate", "temperature", "smoothing");
        var attributes = ReadAttributes(constraint, sensitive);

        var reference = constraint?.Enum("reference", HarmReference.BestGroup, References) ?? HarmReference.BestGroup;
        var aggregation = constraint?.Enum("aggregate", AggregationKind.Max, Aggregations) ?? AggregationKind.Max;
        var temperatureNode = constraint?.Get("temperature");
        if (temperatureNode is not null && aggregation != AggregationKind.Smooth)
        {
            throw temperatureNode.Error(DiagnosticCodes.UnknownKey, "'temperature' applies to 'aggregate: smooth' only");
        }

        var temperature = temperatureNode?.AsNumber("a number > 0", v => v > 0d, DiagnosticCodes.ImpossibleRange) ?? 0.1;
        var smoothing = constraint?.Number("smoothing", 0d, "a number in [0, 1) (the decay of the group harms' running statistics)", v => v is >= 0d and < 1d, DiagnosticCodes.ImpossibleRange) ?? 0d;
        return new ConstraintSpec(attributes, reference, aggregation, aggregation == AggregationKind.Smooth ? temperature : 0d, smoothing);
    }

    /// <summary><c>attribute: name</c> or <c>attributes: [names]</c> (not both; default: the first sensitive attribute).</summary>
    private static string[] ReadAttributes(YamlMappingReader? constraint, IReadOnlyList<SensitiveAttributeSpec> sensitive)
    {
        var oneNode = constraint?.Get("attribute");
        var listNode = constraint?.Get("attributes");
        if (oneNode is not null && listNode is not null)
        {
            throw listNode.Error(DiagnosticCodes.UnknownReference, "'constraint' takes 'attribute' or 'attributes', not both");
        }

        if (oneNode is null && listNode is null)
        {
            return [sensitive[0].Name];
        }

        var names = sensitive.Select(s => s.Name).ToArray();
        var items = oneNode is not null ? [oneNode] : listNode!.AsList("a non-empty list of sensitive attribute names", InputLimits.NamedEntries, "attributes");
        if (items.Count == 0)
        {
            throw listNode!.Error(DiagnosticCodes.ImpossibleRange, "'constraint.attributes' must name at least one sensitive attribute");
        }

        var attributes = new List<string>();
        foreach (var item in items)
        {
            var attribute = ComparisonYamlReader.ResolveAttribute(item, names);
            if (attributes.Contains(attribute))
            {
                throw item.Error(DiagnosticCodes.InvalidValue, $"sensitive attribute '{attribute}' is listed twice");
            }

            attributes.Add(attribute);
        }

        return [.. attributes];
    }

    /// <summary>The <c>sweep</c>: lambdas for penalty methods, epsilons for primal-dual methods (each required exactly when
    /// such a method is declared).</summary>
    public static ConstraintSweepSpec ReadSweep(YamlNodeReader? node, YamlNodeReader methodsNode, IReadOnlyList<MethodSpec> methods)
    {
        var sweep = node?.AsMapping("a mapping with keys lambda (penalty methods) and epsilon (primal-dual methods)", "lambda", "epsilon");
        double[] Values(string key, MethodKind kind, string what)
        {
            var valuesNode = sweep?.Get(key);
            var used = methods.Any(m => m.Kind == kind || (kind == MethodKind.Penalty && m.Kind is MethodKind.MtaF or MethodKind.FairMultiTask));
            if (valuesNode is null)
            {
                return used
                    ? throw (node ?? methodsNode).Error(DiagnosticCodes.MissingKey, $"the {ComparisonYamlReader.MethodKinds.First(k => k.Value == kind).Name} methods need 'sweep.{key}': {what}")
                    : [];
            }

            if (!used)
            {
                throw valuesNode.Error(DiagnosticCodes.UnknownKey, $"'sweep.{key}' is {what}, but no method uses it");
            }

            var values = SweepSectionReader.ReadValues(valuesNode, key);
            return values.All(v => v >= 0d) ? values : throw valuesNode.Error(DiagnosticCodes.ImpossibleRange, $"'{valuesNode.Path}' must hold numbers >= 0");
        }

        return new ConstraintSweepSpec(
            Values("lambda", MethodKind.Penalty, "the penalty weights (and MTA-F's lambda)"),
            Values("epsilon", MethodKind.PrimalDual, "the constraint bounds"));
    }

    internal static readonly (string Name, HarmReference Value)[] References = [("best-group", HarmReference.BestGroup), ("population", HarmReference.Population)];

    internal static readonly (string Name, AggregationKind Value)[] Aggregations = [("max", AggregationKind.Max), ("smooth", AggregationKind.Smooth)];
}
