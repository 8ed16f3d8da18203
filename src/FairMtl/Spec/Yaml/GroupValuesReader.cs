using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// How every kind names the rows of group 1 by their values (a sweep's <c>data.groups</c>, a comparison's sensitive
/// attribute): the <c>privileged</c> values of a text column, or a numeric <c>range: [low, high]</c> (inclusive); not both.
/// </summary>
internal static class GroupValuesReader
{
    /// <summary>The keys this reader takes.</summary>
    public static readonly string[] Keys = ["privileged", "range"];

    /// <summary>Reads <c>privileged</c> and <c>range</c> of <paramref name="mapping"/> (both may be absent).</summary>
    public static (string[]? Privileged, (double Low, double High)? Range) Read(YamlMappingReader mapping)
    {
        var privilegedNode = mapping.Get("privileged");
        var rangeNode = mapping.Get("range");
        if (privilegedNode is not null && rangeNode is not null)
        {
            throw rangeNode.Error(DiagnosticCodes.UnknownReference, $"'{mapping.Path}' takes 'privileged' or 'range', not both");
        }

        var privileged = privilegedNode is null ? null : YamlLists.Names(privilegedNode, "a non-empty list of values", allowEmpty: false);
        (double, double)? range = rangeNode is null
            ? null
            : YamlLists.Pair(rangeNode, "a list [low, high] of two numbers", "a finite number", _ => true, DiagnosticCodes.InvalidValue, ordered: true);
        return (privileged, range);
    }
}
