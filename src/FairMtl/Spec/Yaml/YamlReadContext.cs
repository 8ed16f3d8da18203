using FairMtl.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>The file being read: its display path, the source map being filled, and error construction.</summary>
internal sealed class YamlReadContext
{
    public YamlReadContext(string displayPath, bool collectionTags = false)
    {
        DisplayPath = displayPath;
        CollectionTags = collectionTags;
        Source = new SpecSourceMap(displayPath);
    }

    public string DisplayPath { get; }

    public SpecSourceMap Source { get; }

    /// <summary>Whether <c>!!map</c> on a mapping and <c>!!seq</c> on a list are accepted (the generator's own YAML).</summary>
    public bool CollectionTags { get; }

    public SourceLocation Locate(YamlNode node) => Locate(node.Start);

    public SourceLocation Locate(Mark mark) => new(DisplayPath, (int)mark.Line, (int)mark.Column);

    public FairMtlException Error(string code, YamlNode node, string detail) => new(code, Locate(node), detail);

    /// <summary>Records where every value of the document sits, by its dotted path, before any of it is interpreted.</summary>
    public void RecordLocations(YamlNode node, string path)
    {
        if (path.Length > 0)
        {
            Source.Add(path, Locate(node));
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var entry in mapping.Children)
                {
                    if (entry.Key is YamlScalarNode key && key.Value is not null)
                    {
                        RecordLocations(entry.Value, YamlPaths.Child(path, key.Value));
                    }
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    RecordLocations(sequence.Children[i], YamlPaths.Element(path, i));
                }

                break;
        }
    }
}
