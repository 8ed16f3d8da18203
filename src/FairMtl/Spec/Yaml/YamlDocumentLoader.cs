using FairMtl.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>Parses the YAML text into its single root node, turning every parser failure into FMTL001.</summary>
internal static class YamlDocumentLoader
{
    private const string DuplicateKey = "Duplicate key ";

    public static YamlNode Load(string text, YamlReadContext context)
    {
        var parser = new Parser(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var detail = e.Message.StartsWith(DuplicateKey, StringComparison.Ordinal)
                ? $"duplicate key '{e.Message.Substring(DuplicateKey.Length)}'"
                : $"malformed YAML: {e.Message}";
            throw new FairMtlException(DiagnosticCodes.YamlSyntax, context.Locate(e.Start), detail);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // YamlDotNet fails on some inputs (an unclosed flow collection) with a bare InvalidOperationException; the
            // parser's current event is the best position there is.
            var location = parser.Current is { } current ? context.Locate(current.Start) : new SourceLocation(context.DisplayPath, 1, 1);
            throw new FairMtlException(
                DiagnosticCodes.YamlSyntax, location, "malformed YAML near here; is a '[', '{' or quote left open?");
        }

        if (stream.Documents.Count > 1)
        {
            throw context.Error(DiagnosticCodes.YamlSyntax, stream.Documents[1].RootNode, "expected a single YAML document, found a second one");
        }

        if (stream.Documents.Count == 0)
        {
            throw new FairMtlException(
                DiagnosticCodes.InvalidValue,
                new SourceLocation(context.DisplayPath, 1, 1),
                "the experiment file is empty; expected a mapping with at least name, data, heads, loss and training");
        }

        return stream.Documents[0].RootNode;
    }
}
