namespace FairMtl.Generators.Tests.Attributes;

/// <summary>1-based line and column of a piece of test source, to say where a diagnostic must point.</summary>
internal static class SourcePosition
{
    /// <summary>Where <paramref name="target"/> first occurs after the first occurrence of <paramref name="anchor"/> (or the anchor itself).</summary>
    public static (int Line, int Column) Of(string source, string anchor, string? target = null)
    {
        var start = source.IndexOf(anchor, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"'{anchor}' is not in the source");
        var index = target is null ? start : source.IndexOf(target, start + anchor.Length, StringComparison.Ordinal);
        index.ShouldBeGreaterThanOrEqualTo(0, $"'{target}' is not in the source after '{anchor}'");
        var line = 1 + source.Take(index).Count(c => c == '\n');
        var lineStart = index == 0 ? 0 : source.LastIndexOf('\n', index - 1) + 1;
        return (line, index - lineStart + 1);
    }
}
