using FairMtl.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// Parses the YAML text into its single root node under the <see cref="InputLimits"/> (size here, nesting, aliases
/// and tags in <see cref="BoundedYamlParser"/>), turning every parser failure into FMTL001.
/// </summary>
internal static class YamlDocumentLoader
{
    private const string DuplicateKey = "Duplicate key ";

    public static YamlNode Load(string text, YamlReadContext context)
    {
        CheckSize(text, context.DisplayPath);
        var parser = new Parser(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new BoundedYamlParser(parser, context));
        }
        catch (YamlException e)
        {
            var detail = e.Message.StartsWith(DuplicateKey, StringComparison.Ordinal)
                ? $"duplicate key '{e.Message.Substring(DuplicateKey.Length)}'"
                : $"malformed YAML: {e.Message}";
            throw new FairMtlException(DiagnosticCodes.YamlSyntax, context.Locate(e.Start), detail);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or FairMtlException))
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

    /// <summary>
    /// FMTL018 at the character where the text's UTF-8 size passes <see cref="InputLimits.ExperimentFileBytes"/>.
    /// </summary>
    private static void CheckSize(string text, string displayPath)
    {
        if (text.Length <= InputLimits.ExperimentFileBytes / 3)
        {
            return; // no UTF-16 character takes more than 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 characters)
        }

        long bytes = 0;
        int line = 1, column = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsSurrogate(c) ? 2 : 3;
            if (bytes > InputLimits.ExperimentFileBytes)
            {
                throw new FairMtlException(
                    DiagnosticCodes.InputLimit,
                    new SourceLocation(displayPath, line, column),
                    $"the experiment file passes its size limit of 1 MiB ({InputLimits.ExperimentFileBytes} bytes) here "
                    + "(expected an experiment of a few KiB; data belongs in data.file)");
            }

            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
    }
}
