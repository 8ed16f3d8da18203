using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Reading;

/// <summary>
/// A data file given as an AdditionalFile, reduced to its first non-blank line (the header when the spec says the
/// file has one), so that the pipeline holds a small equatable value instead of the file.
/// </summary>
/// <param name="Path">The file's full path.</param>
/// <param name="FirstLine">The first non-blank line, or null for an empty or unreadable file.</param>
internal sealed record DataHeader(string Path, string? FirstLine)
{
    public static DataHeader Read(AdditionalText text, CancellationToken cancellationToken)
    {
        var path = Normalize(text.Path);
        try
        {
            var source = text.GetText(cancellationToken);
            if (source is not null)
            {
                foreach (var line in source.Lines)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var content = source.ToString(line.Span);
                    if (content.Trim(' ', '\t').Length > 0)
                    {
                        return new DataHeader(path, content);
                    }
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An unreadable data file is the runtime's to report (FMTL010); the build-time check just skips it.
        }

        return new DataHeader(path, null);
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
