using FairMtl.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FairMtl.Generators.Reading;

/// <summary>
/// A data file given as an AdditionalFile, reduced to its first lines (enough to find the header after
/// <c>data.skip_lines</c>), so that the pipeline holds a small equatable value instead of the file.
/// </summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Lines">The first <see cref="MaxLines"/> lines (fewer for a short file; blank lines kept, line ends
/// removed; a line cut by the character limit left out); empty for an empty or unreadable file.</param>
internal sealed record DataHeader(string Path, EquatableArray<string> Lines)
{
    /// <summary>Lines kept from the top of a data file.</summary>
    public const int MaxLines = 64;

    /// <summary>Characters looked at from the top of a data file (a header longer than this is not checked).</summary>
    private const int MaxCharacters = 1 << 16;

    public static DataHeader Read(AdditionalText text, CancellationToken cancellationToken)
    {
        var path = Normalize(text.Path);
        try
        {
            var source = text.GetText(cancellationToken);
            if (source is not null)
            {
                var length = Math.Min(source.Length, MaxCharacters);
                var lines = source.ToString(new TextSpan(0, length)).Split('\n');
                var complete = length == source.Length;
                var count = Math.Min(lines.Length - (complete ? 0 : 1), MaxLines);
                return new DataHeader(path, lines.Take(count).Select(line => line.TrimEnd('\r')).ToArray());
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An unreadable data file is the runtime's to report (FMTL010); the build-time check just skips it.
        }

        return new DataHeader(path, EquatableArray<string>.Empty);
    }

    /// <summary>A data file no experiment needs the header of (not read).</summary>
    public static DataHeader NotRead(string path) => new(Normalize(path), EquatableArray<string>.Empty);

    /// <summary>
    /// The header line: the first non-blank line after <paramref name="skipLines"/> lines, or null when it is not among
    /// the lines kept (or the file has none).
    /// </summary>
    public string? HeaderLine(int skipLines)
    {
        for (var i = skipLines; i < Lines.Count; i++)
        {
            if (Lines[i].Trim(' ', '\t').Length > 0)
            {
                return Lines[i];
            }
        }

        return null;
    }

    /// <summary>The comparable form of a path (the data file named by a spec is resolved the same way).</summary>
    public static string Normalize(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
