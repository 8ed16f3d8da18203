using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>Reads <c>evaluation</c>: the scored head (a regression head; default the first one), the Pareto metrics and
/// the significance level of the comparisons with the baseline.</summary>
internal static class EvaluationSectionReader
{
    public static EvaluationSpec Read(YamlMappingReader? evaluation, IReadOnlyList<HeadSpec> heads, YamlNodeReader headsNode)
    {
        var headNode = evaluation?.Get("head");
        string head;
        if (headNode is null)
        {
            head = heads.FirstOrDefault(h => h.Task == HeadTask.Regression)?.Name
                ?? throw headsNode.Error(
                    DiagnosticCodes.UnknownReference, "no regression head to evaluate: declare one with 'task: regression'");
        }
        else
        {
            var resolved = HeadReferences.Resolve(headNode, heads);
            if (resolved.Task != HeadTask.Regression)
            {
                throw headNode.Error(
                    DiagnosticCodes.UnknownReference, $"'evaluation.head' must be a regression head; '{resolved.Name}' is {Describe(resolved.Task)}");
            }

            head = resolved.Name;
        }

        var pareto = evaluation?.Mapping("pareto", "disparity", "error");
        double[] reference = [];
        if (evaluation?.Get("hypervolume_reference") is { } referenceNode)
        {
            var (disparity, error) = YamlLists.Pair(
                referenceNode, "a list [disparity, error] of two numbers >= 0", "a number >= 0", v => v >= 0d, DiagnosticCodes.ImpossibleRange, ordered: false);
            reference = [disparity, error];
        }

        return new EvaluationSpec(
            head,
            new ParetoSpec(
                pareto?.Enum("disparity", ErrorMetric.Rmse, YamlEnumValues.ErrorMetrics) ?? ErrorMetric.Rmse,
                pareto?.Enum("error", ErrorMetric.Rmse, YamlEnumValues.ErrorMetrics) ?? ErrorMetric.Rmse),
            evaluation?.Number("significance", 0.05, "a number in (0, 0.5]", v => v > 0d && v <= 0.5, DiagnosticCodes.ImpossibleRange) ?? 0.05,
            reference);
    }

    private static string Describe(HeadTask task) => task == HeadTask.Binary ? "binary" : "regression";
}
