using FairMtl.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>Reads <c>heads</c>: one mapping per head, keyed by the name the loss expression uses.</summary>
internal static class HeadsSectionReader
{
    public static IReadOnlyList<(YamlScalarNode Key, HeadSpec Head)> Read(YamlNodeReader node)
    {
        var heads = node.AsOpenMapping("a mapping of head names to heads");
        if (heads.Count == 0)
        {
            throw node.Invalid("a mapping with at least one head");
        }

        var result = new List<(YamlScalarNode, HeadSpec)>();
        foreach (var (key, value) in heads.Entries)
        {
            var name = key.Value!;
            if (!Identifiers.IsValid(name))
            {
                throw node.Context.Error(
                    DiagnosticCodes.UnknownReference, key, $"head name '{name}' must be {Identifiers.Rule}; the loss expression refers to heads by name");
            }

            result.Add((key, ReadHead(value.AsMapping("a mapping with keys column, task, standardize, hidden, positive", "column", "task", "standardize", "hidden", "positive"), name)));
        }

        return result;
    }

    private static HeadSpec ReadHead(YamlMappingReader head, string name)
    {
        var column = head.Require("column").AsName("a column name");
        var task = head.Enum("task", HeadTask.Regression, YamlEnumValues.HeadTasks);
        var standardize = head.Bool("standardize", false);
        if (standardize && task != HeadTask.Regression)
        {
            throw head.Get("standardize")!.Error(
                DiagnosticCodes.UnknownReference, $"'{head.Path}.standardize' applies to regression heads only; '{name}' is binary");
        }

        var hiddenNode = head.Get("hidden");
        var hidden = hiddenNode is null ? [] : YamlLists.Widths(hiddenNode, "a list of integers > 0", allowEmpty: true);
        var positiveNode = head.Get("positive");
        if (positiveNode is not null && task != HeadTask.Binary)
        {
            throw positiveNode.Error(
                DiagnosticCodes.UnknownReference, $"'{head.Path}.positive' applies to binary heads only (the values of a text column that are label 1); '{name}' is a regression head");
        }

        var positive = positiveNode is null ? [] : YamlLists.Names(positiveNode, "a non-empty list of values", allowEmpty: false);
        return new HeadSpec(name, column, task, standardize, hidden, positive);
    }
}
