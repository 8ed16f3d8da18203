using FairMtl.Diagnostics;
using FairMtl.Generators.Model;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// Experiment YAML written from attributes, one value per line, remembering the C# origin of every line so that an
/// error the YAML reader reports at a line and column maps back to the attribute argument it came from. Every mapping
/// and list carries a tag (<c>data: !!map</c>): a tagged node starts at its tag, on its key's line, so an error about
/// a whole section points at that line and not at its first entry.
/// </summary>
internal sealed class SynthesizedYaml
{
    private readonly List<string> _lines = new();
    private readonly List<LineOrigin> _origins = new();

    public string Text => string.Join("\n", _lines) + "\n";

    /// <summary>The 1-based number of the last line written.</summary>
    public int LastLine => _lines.Count;

    public void Root(DiagnosticLocation origin) => Add("--- !!map", 5, origin, origin);

    public void Scalar(int depth, string key, string value, DiagnosticLocation keyOrigin, DiagnosticLocation valueOrigin)
    {
        var prefix = Indent(depth) + key + ": ";
        Add(prefix + value, prefix.Length + 1, keyOrigin, valueOrigin);
    }

    /// <summary>Opens a mapping; its entries follow at <paramref name="depth"/> + 1. Close it with <see cref="Close"/>.</summary>
    public int Mapping(int depth, string key, DiagnosticLocation keyOrigin, DiagnosticLocation valueOrigin)
    {
        var prefix = Indent(depth) + key + ": ";
        Add(prefix + "!!map", prefix.Length + 1, keyOrigin, valueOrigin);
        return _lines.Count - 1;
    }

    /// <summary>Writes an empty mapping in flow style when nothing was written into it.</summary>
    public void Close(int mapping)
    {
        if (mapping == _lines.Count - 1)
        {
            _lines[mapping] += " {}";
        }
    }

    public void Sequence(
        int depth,
        string key,
        IReadOnlyList<string> items,
        DiagnosticLocation keyOrigin,
        DiagnosticLocation valueOrigin,
        Func<int, DiagnosticLocation> itemOrigin)
    {
        var prefix = Indent(depth) + key + ": ";
        Add(prefix + (items.Count == 0 ? "!!seq []" : "!!seq"), prefix.Length + 1, keyOrigin, valueOrigin);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPrefix = Indent(depth + 1) + "- ";
            var origin = itemOrigin(i);
            Add(itemPrefix + items[i], itemPrefix.Length + 1, origin, origin);
        }
    }

    /// <summary>The C# origin of a position the YAML reader reported, or <paramref name="fallback"/>.</summary>
    public DiagnosticLocation Locate(SourceLocation location, DiagnosticLocation fallback)
    {
        if (location.Line < 1 || location.Line > _origins.Count)
        {
            return fallback;
        }

        var origin = _origins[location.Line - 1];
        return location.Column >= origin.ValueColumn ? origin.Value : origin.Key;
    }

    /// <summary>The 1-based column where the value of 1-based line <paramref name="line"/> starts.</summary>
    public int ValueColumn(int line) => _origins[line - 1].ValueColumn;

    private void Add(string line, int valueColumn, DiagnosticLocation keyOrigin, DiagnosticLocation valueOrigin)
    {
        _lines.Add(line);
        _origins.Add(new LineOrigin(valueColumn, keyOrigin, valueOrigin));
    }

    private static string Indent(int depth) => new(' ', depth * 2);
}
