using FairMtl.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FairMtl.Generators.Model;

/// <summary>
/// An equatable stand-in for a Roslyn <see cref="Location"/> (pipeline models must not hold Locations): the file, the
/// character span when known (C# sources), and 0-based line/column positions.
/// </summary>
internal sealed record DiagnosticLocation(
    string FilePath, int SpanStart, int SpanLength, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>A position in a YAML or data file, from a 1-based <see cref="SourceLocation"/> (0 = unknown).</summary>
    public static DiagnosticLocation FromSource(SourceLocation location, string filePath)
    {
        var line = Math.Max(location.Line - 1, 0);
        var column = Math.Max(location.Column - 1, 0);
        return new DiagnosticLocation(filePath, 0, 0, line, column, line, column);
    }

    /// <summary>The location of a syntax node or token in a C# file.</summary>
    public static DiagnosticLocation FromRoslyn(Location location)
    {
        var span = location.GetLineSpan();
        return new DiagnosticLocation(
            span.Path,
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            span.EndLinePosition.Line,
            span.EndLinePosition.Character);
    }

    /// <summary>The Roslyn location (only when reporting).</summary>
    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(SpanStart, SpanLength),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
