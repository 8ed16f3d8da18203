using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>Lists of names and of integers, the list shapes the schema uses.</summary>
internal static class YamlLists
{
    /// <summary>Non-empty, distinct names (FMTL003 otherwise).</summary>
    public static string[] Names(YamlNodeReader node, string expected, bool allowEmpty)
    {
        var items = node.AsList(expected);
        if (items.Count == 0 && !allowEmpty)
        {
            throw node.Invalid(expected);
        }

        var names = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            names[i] = items[i].AsName("a name");
            if (Array.IndexOf(names, names[i], 0, i) >= 0)
            {
                throw items[i].Error(DiagnosticCodes.InvalidValue, $"'{node.Path}' lists '{names[i]}' twice");
            }
        }

        return names;
    }

    /// <summary>Integers &gt; 0 (layer widths).</summary>
    public static int[] Widths(YamlNodeReader node, string expected, bool allowEmpty)
    {
        var items = node.AsList(expected);
        if (items.Count == 0 && !allowEmpty)
        {
            throw node.Invalid(expected);
        }

        return items.Select(item => item.AsInt("an integer > 0", value => value > 0)).ToArray();
    }
}
