using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>Resolves a head name written elsewhere in the file (FMTL008 with a suggestion when unknown).</summary>
internal static class HeadReferences
{
    public static HeadSpec Resolve(YamlNodeReader node, IReadOnlyList<HeadSpec> heads)
    {
        var name = node.AsName("a head name");
        foreach (var head in heads)
        {
            if (head.Name == name)
            {
                return head;
            }
        }

        var names = heads.Select(head => head.Name).ToArray();
        var nearest = NameSuggestions.Nearest(name, names);
        var hint = nearest is null ? "." : $"; did you mean '{nearest}'?";
        throw node.Error(
            DiagnosticCodes.UnknownReference, $"'{node.Path}' refers to unknown head '{name}'{hint} Heads: {string.Join(", ", names)}");
    }
}
