using FairMtl.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// The YAML parser as the experiment readers see it: YamlDotNet's event parser with the <see cref="InputLimits"/>
/// checked on every event before the document model is built from it. Explicit tags are refused (an experiment
/// holds plain values; a tag such as <c>!!python/object</c> would otherwise be dropped silently), nesting deeper than
/// <see cref="InputLimits.YamlDepth"/> is refused before the recursive document model could overflow the stack, and
/// aliases may add at most <see cref="InputLimits.YamlAliasNodes"/> nodes in all and never refer to a node that
/// contains them. Every refusal is a located <see cref="FairMtlException"/> at the offending token.
/// </summary>
internal sealed class BoundedYamlParser : IParser
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private readonly IParser _inner;
    private readonly YamlReadContext _context;
    private readonly Dictionary<string, AnchoredNode> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<OpenCollection> _open = new();
    private long _expandedNodes;
    private long _aliasNodes;

    public BoundedYamlParser(IParser inner, YamlReadContext context)
    {
        _inner = inner;
        _context = context;
    }

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            return false;
        }

        switch (_inner.Current)
        {
            case NodeEvent node when !node.Tag.IsEmpty && !IsAllowedCollectionTag(node):
                throw Refuse(
                    DiagnosticCodes.YamlSyntax,
                    node,
                    $"YAML tags are not supported, found '{Spelling(node.Tag)}' (expected a plain value; an experiment file holds only "
                    + "text, numbers, lists and mappings)");
            case AnchorAlias alias:
                OnAlias(alias);
                break;
            case Scalar scalar:
                _expandedNodes++;
                Completed(scalar.Anchor, _expandedNodes - 1, height: 0);
                break;
            case MappingStart or SequenceStart:
                OnCollectionStart((NodeEvent)_inner.Current);
                break;
            case MappingEnd or SequenceEnd:
                var collection = _open.Pop();
                Completed(collection.Anchor, collection.ExpandedBefore, collection.Height + 1);
                break;
        }

        return true;
    }

    private void OnCollectionStart(NodeEvent start)
    {
        if (_open.Count + 1 > InputLimits.YamlDepth)
        {
            throw Refuse(
                DiagnosticCodes.InputLimit,
                start,
                $"YAML nested more than {InputLimits.YamlDepth} levels deep (expected an experiment's few levels of mappings and lists)");
        }

        _open.Push(new OpenCollection(start.Anchor.IsEmpty ? null : start.Anchor.Value, _expandedNodes));
        _expandedNodes++;
    }

    private void OnAlias(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (_open.Any(collection => collection.Anchor == name))
        {
            throw Refuse(
                DiagnosticCodes.InputLimit,
                alias,
                $"alias '*{name}' refers to the node '&{name}' that contains it (expected an alias of a complete node: a node cannot hold itself)");
        }

        if (!_anchors.TryGetValue(name, out var anchored))
        {
            throw Refuse(
                DiagnosticCodes.YamlSyntax, alias, $"alias '*{name}' refers to no anchor '&{name}' before it (expected an anchor defined earlier in the file)");
        }

        if (_open.Count + anchored.Height > InputLimits.YamlDepth)
        {
            throw Refuse(
                DiagnosticCodes.InputLimit,
                alias,
                $"alias '*{name}' nests the document more than {InputLimits.YamlDepth} levels deep");
        }

        _aliasNodes += anchored.Nodes;
        if (_aliasNodes > InputLimits.YamlAliasNodes)
        {
            throw Refuse(
                DiagnosticCodes.InputLimit,
                alias,
                $"aliases expand to more than {InputLimits.YamlAliasNodes} YAML nodes (alias '*{name}' stands for {anchored.Nodes}); "
                + "expected aliases of small parts of the file");
        }

        _expandedNodes += anchored.Nodes;
        Completed(default, _expandedNodes - anchored.Nodes, anchored.Height);
    }

    /// <summary>A node is complete: record its anchor's size and let the collection holding it know its height.</summary>
    private void Completed(AnchorName anchor, long expandedBefore, int height)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = new AnchoredNode(_expandedNodes - expandedBefore, height);
        }

        if (_open.Count > 0)
        {
            var parent = _open.Pop();
            _open.Push(parent with { Height = Math.Max(parent.Height, height) });
        }
    }

    private bool IsAllowedCollectionTag(NodeEvent node) =>
        _context.CollectionTags
        && (node, Spelling(node.Tag)) is (MappingStart, "!!map") or (SequenceStart, "!!seq");

    private FairMtlException Refuse(string code, ParsingEvent at, string detail) => new(code, _context.Locate(at.Start), detail);

    private static string Spelling(TagName tag) =>
        tag.Value.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag.Value.Substring(CoreTagPrefix.Length) : tag.Value;

    /// <param name="Anchor">The collection's anchor name, or null.</param>
    /// <param name="ExpandedBefore">Nodes of the expanded document before the collection.</param>
    /// <param name="Height">The height of its tallest child so far (0 while it has none or only scalars).</param>
    private readonly record struct OpenCollection(string? Anchor, long ExpandedBefore, int Height = 0);

    /// <param name="Nodes">Nodes of the anchored subtree, aliases in it expanded.</param>
    /// <param name="Height">The levels of nesting it brings: 0 for a scalar, 1 + its tallest child's for a collection.</param>
    private readonly record struct AnchoredNode(long Nodes, int Height);
}
