using System.Globalization;
using FairMtl.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// One YAML value and its spec path, with typed conversions that report FMTL003 (<c>'training.batch_size' must be an
/// integer &gt; 0, got 'abc'</c>) at the value. Numbers and booleans must be plain (unquoted) scalars, as in YAML.
/// </summary>
internal sealed class YamlNodeReader
{
    public YamlNodeReader(YamlReadContext context, YamlNode node, string path)
    {
        Context = context;
        Node = node;
        Path = path;
    }

    public YamlReadContext Context { get; }

    public YamlNode Node { get; }

    public string Path { get; }

    public SourceLocation Location => Context.Locate(Node);

    public FairMtlException Error(string code, string detail) => Context.Error(code, Node, detail);

    /// <summary>The standard wrong-value error: <c>'path' must be expected, got 'value'</c>.</summary>
    public FairMtlException Invalid(string expected, string code = DiagnosticCodes.InvalidValue) =>
        Error(code, $"{(Path.Length == 0 ? "the experiment file" : $"'{Path}'")} must be {expected}, got {Describe()}");

    public string Describe() => Node switch
    {
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } scalar => $"the quoted string '{scalar.Value}'",
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode { Children.Count: 0 } => "an empty list",
        YamlSequenceNode { Children.Count: 1 } => "a list of 1 item",
        YamlSequenceNode sequence => $"a list of {sequence.Children.Count} items",
        YamlMappingNode { Children.Count: 0 } => "an empty mapping",
        YamlMappingNode => "a mapping",
        _ => "an unsupported value",
    };

    public YamlMappingReader AsMapping(string expected, params string[] keys) =>
        Node is YamlMappingNode mapping ? new YamlMappingReader(this, mapping, keys) : throw Invalid(expected);

    /// <summary>A mapping whose keys are names chosen by the user (heads, sweep variables).</summary>
    public YamlMappingReader AsOpenMapping(string expected) =>
        Node is YamlMappingNode mapping ? new YamlMappingReader(this, mapping, null) : throw Invalid(expected);

    public IReadOnlyList<YamlNodeReader> AsList(string expected)
    {
        if (Node is not YamlSequenceNode sequence)
        {
            throw Invalid(expected);
        }

        var items = new List<YamlNodeReader>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            items.Add(new YamlNodeReader(Context, sequence.Children[i], YamlPaths.Element(Path, i)));
        }

        return items;
    }

    /// <summary>The list's items, FMTL018 at the first one past <paramref name="limit"/> (<paramref name="items"/> names them).</summary>
    public IReadOnlyList<YamlNodeReader> AsList(string expected, int limit, string items)
    {
        var list = AsList(expected);
        return list.Count > limit
            ? throw list[limit].Error(DiagnosticCodes.InputLimit, $"'{Path}' lists more than {limit} {items} (expected at most {limit})")
            : list;
    }

    public string AsString(string expected) =>
        Node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Invalid(expected);

    /// <summary>A non-empty string without surrounding blanks.</summary>
    public string AsName(string expected)
    {
        var value = AsString(expected);
        return value.Length == 0 || value.Trim().Length != value.Length ? throw Invalid(expected) : value;
    }

    /// <summary>
    /// A count in [1, <paramref name="limit"/>]: below 1 is <paramref name="lowCode"/>, an integer above the limit (or
    /// one too large for an integer at all) is FMTL018, anything else FMTL003.
    /// </summary>
    public int AsCount(int limit, string expected = "an integer", string lowCode = DiagnosticCodes.ImpossibleRange)
    {
        var range = $"{expected} in [1, {limit}]";
        if (TryInt(out var value))
        {
            return value < 1 ? throw Invalid(range, lowCode)
                : value > limit ? throw Invalid(range, DiagnosticCodes.InputLimit)
                : value;
        }

        var text = PlainText();
        return text is not null && text.Length > 0 && text.TrimStart('+').All(c => c is >= '0' and <= '9')
            ? throw Invalid(range, DiagnosticCodes.InputLimit)
            : throw Invalid(range);
    }

    public bool TryInt(out int value)
    {
        value = 0;
        return PlainText() is { } text
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>An integer; a non-integer is FMTL003, one failing <paramref name="inRange"/> is <paramref name="rangeCode"/>.</summary>
    public int AsInt(string expected, Func<int, bool> inRange, string rangeCode = DiagnosticCodes.InvalidValue)
    {
        if (!TryInt(out var value))
        {
            throw Invalid(expected);
        }

        return inRange(value) ? value : throw Invalid(expected, rangeCode);
    }

    /// <summary>
    /// A finite number; a non-number is FMTL003, NaN, infinity or one failing <paramref name="inRange"/> is
    /// <paramref name="rangeCode"/>. Accepts YAML's <c>.inf</c> and <c>.nan</c> spellings so they can be named as such.
    /// </summary>
    public double AsNumber(string expected, Func<double, bool> inRange, string rangeCode = DiagnosticCodes.InvalidValue)
    {
        if (!TryNumber(out var value))
        {
            throw Invalid(expected);
        }

        return !double.IsNaN(value) && !double.IsInfinity(value) && inRange(value) ? value : throw Invalid(expected, rangeCode);
    }

    public bool AsBool()
    {
        switch (PlainText())
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                throw Invalid("true or false");
        }
    }

    /// <summary>One of <paramref name="values"/>; '_' stands for '-' and letter case is ignored.</summary>
    public T AsEnum<T>(IReadOnlyList<(string Name, T Value)> values)
    {
        if (Node is YamlScalarNode { Value: { } text })
        {
            var normalized = text.Trim().Replace('_', '-').ToLowerInvariant();
            foreach (var (name, value) in values)
            {
                if (name == normalized)
                {
                    return value;
                }
            }
        }

        throw Invalid("one of " + string.Join(", ", values.Select(v => v.Name)));
    }

    private bool TryNumber(out double value)
    {
        value = 0d;
        var text = PlainText();
        if (text is null)
        {
            return false;
        }

        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                value = double.NegativeInfinity;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
        }

        return double.TryParse(
            text,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out value);
    }

    private string? PlainText() =>
        Node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text } ? text : null;
}
