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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            names[i] = items[i].AsName("a name");
            if (!seen.Add(names[i]))
            {
                throw items[i].Error(DiagnosticCodes.InvalidValue, $"'{node.Path}' lists '{names[i]}' twice");
            }
        }

        return names;
    }

    /// <summary>
    /// A list of exactly two numbers, each accepted by <paramref name="inRange"/> (else <paramref name="rangeCode"/>);
    /// with <paramref name="ordered"/>, the second may not be below the first (a range that goes down is FMTL006).
    /// </summary>
    public static (double First, double Second) Pair(
        YamlNodeReader node, string expected, string itemExpected, Func<double, bool> inRange, string rangeCode, bool ordered)
    {
        var items = node.AsList(expected);
        if (items.Count != 2)
        {
            throw node.Invalid(expected);
        }

        var first = items[0].AsNumber(itemExpected, inRange, rangeCode);
        var second = items[1].AsNumber(itemExpected, inRange, rangeCode);
        return !ordered || second >= first
            ? (first, second)
            : throw node.Error(
                DiagnosticCodes.ImpossibleRange,
                $"'{node.Path}' goes down: {second.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is less than "
                + $"{first.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>Layer widths: at most <see cref="InputLimits.Layers"/> integers in [1, <see cref="InputLimits.LayerWidth"/>].</summary>
    public static int[] Widths(YamlNodeReader node, string expected, bool allowEmpty)
    {
        var items = node.AsList(expected);
        if (items.Count == 0 && !allowEmpty)
        {
            throw node.Invalid(expected);
        }

        if (items.Count > InputLimits.Layers)
        {
            throw items[InputLimits.Layers].Error(
                DiagnosticCodes.InputLimit, $"'{node.Path}' lists more than {InputLimits.Layers} layers (expected at most {InputLimits.Layers})");
        }

        var widths = new int[items.Count];
        long weights = 0;
        for (var i = 0; i < widths.Length; i++)
        {
            widths[i] = items[i].AsCount(InputLimits.LayerWidth, lowCode: DiagnosticCodes.InvalidValue);
            weights += i == 0 ? 0 : (long)widths[i - 1] * widths[i];
            if (weights > InputLimits.LayerWeights)
            {
                throw items[i].Error(
                    DiagnosticCodes.InputLimit,
                    $"'{node.Path}' connects its layers with more than {InputLimits.LayerWeights} weights from here on (expected at most {InputLimits.LayerWeights})");
            }
        }

        return widths;
    }
}
