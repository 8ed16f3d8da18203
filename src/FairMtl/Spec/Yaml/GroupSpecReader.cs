using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// Reads a grouping (<see cref="GroupSpec"/>) the same way wherever one is declared: a sweep's <c>data.groups</c> and
/// each of a comparison's <c>sensitive</c> attributes. The rule is <c>categories</c> unless <c>privileged</c> or
/// <c>range</c> implies another or <c>rule</c> names one.
/// </summary>
internal static class GroupSpecReader
{
    /// <summary>The keys of a grouping.</summary>
    public static readonly string[] Keys = ["column", "rule", "threshold", "labels", "privileged", "range", "unknown"];

    /// <summary>Reads the grouping <paramref name="groups"/>.</summary>
    /// <param name="groups">The mapping (its path names it in messages).</param>
    /// <param name="testRowsOfOneSplit">Whether the kind evaluates one split's test rows (a sweep), so that
    /// <c>rule: median</c> has rows to take the median of.</param>
    public static GroupSpec Read(YamlMappingReader groups, bool testRowsOfOneSplit)
    {
        var path = groups.Path;
        var column = groups.Require("column").AsName("a column name");
        var privilegedNode = groups.Get("privileged");
        var rangeNode = groups.Get("range");
        if (privilegedNode is not null && rangeNode is not null)
        {
            throw rangeNode.Error(DiagnosticCodes.UnknownReference, $"'{path}' takes 'privileged' or 'range', not both");
        }

        var privileged = privilegedNode is null ? [] : YamlLists.Names(privilegedNode, "a non-empty list of values", allowEmpty: false);
        var range = rangeNode is null
            ? ((double Low, double High)?)null
            : YamlLists.Pair(rangeNode, "a list [low, high] of two numbers", "a finite number", _ => true, DiagnosticCodes.InvalidValue, ordered: true);
        var implied = privilegedNode is not null ? GroupRule.Privileged : rangeNode is not null ? GroupRule.Range : GroupRule.Categories;
        var ruleNode = groups.Get("rule");
        var rule = groups.Enum("rule", implied, YamlEnumValues.GroupRules);
        if (implied != GroupRule.Categories && rule != implied)
        {
            var key = implied == GroupRule.Privileged ? "privileged" : "range";
            var meaning = implied == GroupRule.Privileged ? "lists the values of group 1 of a text column" : "gives the values of group 1 of a numeric column";
            throw groups.Get(key)!.Error(
                DiagnosticCodes.UnknownReference,
                $"'{path}.{key}' {meaning}; it does not go with 'rule: {ruleNode!.AsString("a rule")}' (remove one of the two)");
        }

        if (rule is GroupRule.Privileged or GroupRule.Range && implied != rule)
        {
            var key = rule == GroupRule.Privileged ? "privileged" : "range";
            throw groups.Node.Error(
                DiagnosticCodes.MissingKey, $"missing required key '{key}' in '{path}' (the values of group 1, needed by 'rule: {key}')");
        }

        if (rule == GroupRule.Median && !testRowsOfOneSplit)
        {
            throw ruleNode!.Error(
                DiagnosticCodes.UnknownReference,
                "'rule: median' splits at the median of a sweep's test rows; a comparison's repetitions have different test rows, " +
                "so give the value: 'rule: threshold' with 'threshold: <number>'");
        }

        var thresholdNode = groups.Get("threshold");
        var threshold = 0d;
        if (rule == GroupRule.Threshold)
        {
            threshold = (thresholdNode ?? throw groups.Node.Error(
                    DiagnosticCodes.MissingKey, $"missing required key 'threshold' in '{path}' (needed by 'rule: threshold')"))
                .AsNumber("a number", _ => true);
        }
        else if (thresholdNode is not null)
        {
            throw thresholdNode.Error(DiagnosticCodes.UnknownReference, $"'{path}.threshold' is only allowed with 'rule: threshold'");
        }

        var unknownNode = groups.Get("unknown");
        var unknown = unknownNode is null ? [] : YamlLists.Names(unknownNode, "a non-empty list of values", allowEmpty: false);
        var spec = new GroupSpec(column, rule, threshold, ReadLabels(groups.Get("labels")), privileged, range?.Low ?? 0d, range?.High ?? 0d, unknown);
        if (unknownNode is not null && !rule.ReadsText())
        {
            throw unknownNode.Error(
                DiagnosticCodes.UnknownReference,
                $"'{path}.unknown' lists values of a text column (rule categories or privileged), not of a numeric one (rule {Name(rule)})");
        }

        return spec;
    }

    /// <summary>The spelling of <paramref name="rule"/> in experiment files.</summary>
    public static string Name(GroupRule rule) => YamlEnumValues.GroupRules.First(r => r.Value == rule).Name;

    private static string[] ReadLabels(YamlNodeReader? labelsNode)
    {
        if (labelsNode is null)
        {
            return [];
        }

        var labels = YamlLists.Names(labelsNode, "a list of two names", allowEmpty: false);
        return labels.Length == 2 ? labels : throw labelsNode.Invalid("a list of two names");
    }
}
