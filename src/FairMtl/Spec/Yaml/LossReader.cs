using FairMtl.Diagnostics;
using FairMtl.Objectives.Weighting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>Reads <c>loss</c> and checks it against the heads and sweep variables (FMTL005).</summary>
internal static class LossReader
{
    public static string Read(YamlNodeReader node, IReadOnlyList<string> headNames, IReadOnlyList<string> variableNames)
    {
        var text = node.AsString("a weighting expression over head names and sweep variables");
        try
        {
            WeightingExpression.Parse(text).Validate(headNames, variableNames);
        }
        catch (WeightingSyntaxException e)
        {
            throw new FairMtlException(DiagnosticCodes.LossExpression, Locate(node, e.Position), e.Message);
        }

        return text;
    }

    /// <summary>
    /// The file position of character <paramref name="position"/> of the expression. Only a single-line plain scalar
    /// maps its characters one to one onto the line; for other styles the scalar's start is the best position.
    /// </summary>
    private static SourceLocation Locate(YamlNodeReader node, int position)
    {
        var start = node.Location;
        return node.Node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && scalar.Start.Line == scalar.End.Line
            ? start.Offset(position)
            : start;
    }
}
