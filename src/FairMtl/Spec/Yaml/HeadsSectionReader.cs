using FairMtl.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>Reads <c>heads</c>: one mapping per head, keyed by the name the loss expression uses.</summary>
internal static class HeadsSectionReader
{
    public static IReadOnlyList<(YamlScalarNode Key, HeadSpec Head)> Read(YamlNodeReader node)
    {
        var heads = node.AsOpenMapping("a mapping of head names to heads").AtMost(InputLimits.NamedEntries, "heads");
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

            result.Add((key, ReadHead(value.AsMapping("a mapping with keys column, task, standardize, hidden, positive, above", "column", "task", "standardize", "hidden", "positive", "above"), name)));
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
        if (task != HeadTask.Binary && BinaryLabelReader.Keys.Select(head.Get).FirstOrDefault(node => node is not null) is { } labelNode)
        {
            throw labelNode.Error(
                DiagnosticCodes.UnknownReference,
                $"'{labelNode.Path}' applies to binary heads only (how a column becomes labels 0 and 1); '{name}' is a regression head");
        }

        var (positive, above) = BinaryLabelReader.Read(head);
        return new HeadSpec(name, column, task, standardize, hidden, positive, above);
    }
}
