using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// How every kind declares a binary label (a sweep's binary head, a comparison's task): a 0/1 column by default, the
/// values of a text column that are label 1 (<c>positive</c>), or a number above which a numeric column is label 1
/// (<c>above</c>); not both.
/// </summary>
internal static class BinaryLabelReader
{
    /// <summary>The keys this reader takes.</summary>
    public static readonly string[] Keys = ["positive", "above"];

    /// <summary>Reads <c>positive</c> and <c>above</c> of <paramref name="mapping"/> (both may be absent).</summary>
    public static (string[] Positive, double? Above) Read(YamlMappingReader mapping)
    {
        var positiveNode = mapping.Get("positive");
        var aboveNode = mapping.Get("above");
        if (positiveNode is not null && aboveNode is not null)
        {
            throw aboveNode.Error(DiagnosticCodes.UnknownReference, $"'{mapping.Path}' takes 'positive' or 'above', not both");
        }

        var positive = positiveNode is null ? [] : YamlLists.Names(positiveNode, "a non-empty list of values", allowEmpty: false);
        return (positive, aboveNode?.AsNumber("a finite number", _ => true));
    }
}
