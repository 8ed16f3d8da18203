using FairMtl.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// A YAML mapping at a spec path. With a key list, any other key is FMTL002 (reported before anything else in the
/// mapping is read, so a misspelt key is not first reported as a missing one).
/// </summary>
internal sealed class YamlMappingReader
{
    private readonly List<(YamlScalarNode Key, YamlNodeReader Value)> _entries = new();

    public YamlMappingReader(YamlNodeReader node, YamlMappingNode mapping, IReadOnlyList<string>? keys)
    {
        Node = node;
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { Length: > 0 } name } key)
            {
                throw node.Context.Error(
                    DiagnosticCodes.InvalidValue, entry.Key, $"keys {YamlPaths.Describe(Path)} must be names");
            }

            if (keys is not null && !keys.Contains(name))
            {
                throw node.Context.Error(
                    DiagnosticCodes.UnknownKey,
                    key,
                    $"unknown key '{name}' {YamlPaths.Describe(Path)}{YamlKeySuggestions.Suggest(name, keys)}");
            }

            _entries.Add((key, new YamlNodeReader(node.Context, entry.Value, YamlPaths.Child(Path, name))));
        }
    }

    public YamlNodeReader Node { get; }

    /// <summary>FMTL018 at the first entry past <paramref name="limit"/> (<paramref name="entries"/> names them).</summary>
    public YamlMappingReader AtMost(int limit, string entries) =>
        _entries.Count > limit
            ? throw Node.Context.Error(
                DiagnosticCodes.InputLimit, _entries[limit].Key, $"'{Path}' declares more than {limit} {entries} (expected at most {limit})")
            : this;

    public string Path => Node.Path;

    public int Count => _entries.Count;

    public IReadOnlyList<(YamlScalarNode Key, YamlNodeReader Value)> Entries => _entries;

    public YamlNodeReader? Get(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The key's value; FMTL007 at this mapping when it is absent.</summary>
    public YamlNodeReader Require(string key) =>
        Get(key) ?? throw Node.Error(
            DiagnosticCodes.MissingKey,
            Path.Length == 0 ? $"missing required top-level key '{key}'" : $"missing required key '{key}' in '{Path}'");

    public string String(string key, string fallback) => Get(key)?.AsString("a string") ?? fallback;

    public int Int(string key, int fallback, string expected, Func<int, bool> inRange) =>
        Get(key) is { } value ? value.AsInt(expected, inRange) : fallback;

    public double Number(
        string key, double fallback, string expected, Func<double, bool> inRange, string rangeCode = DiagnosticCodes.InvalidValue) =>
        Get(key) is { } value ? value.AsNumber(expected, inRange, rangeCode) : fallback;

    public bool Bool(string key, bool fallback) => Get(key)?.AsBool() ?? fallback;

    public T Enum<T>(string key, T fallback, IReadOnlyList<(string Name, T Value)> values) =>
        Get(key) is { } value ? value.AsEnum(values) : fallback;

    /// <summary>An optional nested mapping with the given keys, or null when absent.</summary>
    public YamlMappingReader? Mapping(string key, params string[] keys) =>
        Get(key)?.AsMapping($"a mapping with keys {string.Join(", ", keys)}", keys);

    /// <summary>A required nested mapping with the given keys.</summary>
    public YamlMappingReader RequireMapping(string key, params string[] keys) =>
        Require(key).AsMapping($"a mapping with keys {string.Join(", ", keys)}", keys);
}
