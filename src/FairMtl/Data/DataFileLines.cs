using System.Security.Cryptography;
using System.Text;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// One file of a data section (<c>data.file</c> or an entry of <c>data.append</c>) read into its non-blank lines,
/// after the lines <c>skip_lines</c> skips. Line numbers are the file's own (1-based, skipped lines counted).
/// </summary>
internal sealed class DataFileLines
{
    private DataFileLines(string displayPath, string fullPath, string sha256, List<(int Number, string Text)> lines)
    {
        DisplayPath = displayPath;
        FullPath = fullPath;
        Sha256 = sha256;
        Lines = lines;
    }

    /// <summary>The path as shown in messages: relative to the current directory when under it, else full.</summary>
    public string DisplayPath { get; }

    public string FullPath { get; }

    /// <summary>Lowercase hex SHA-256 of the whole file (skipped lines included).</summary>
    public string Sha256 { get; }

    /// <summary>The non-blank lines after the skipped ones, with their 1-based line numbers.</summary>
    public List<(int Number, string Text)> Lines { get; }

    /// <summary>Reads the file <paramref name="file"/> names (relative to <paramref name="source"/>'s base directory).</summary>
    /// <param name="source">The data section and where it was declared.</param>
    /// <param name="file">The path as declared.</param>
    /// <param name="key">The spec path that declares the file (<c>data.file</c>, <c>data.append[0].file</c>).</param>
    /// <param name="skipLines">Lines to skip at the top.</param>
    public static DataFileLines Read(DataSource source, string file, string key, int skipLines)
    {
        var fullPath = Path.GetFullPath(Path.Combine(source.BaseDirectory, file));
        var displayPath = DisplayPaths.For(fullPath, Environment.CurrentDirectory);
        using var sha256 = SHA256.Create();
        var lines = new List<(int Number, string Text)>();
        using (var stream = Open(source, fullPath, key))
        using (var hashed = new CryptoStream(stream, sha256, CryptoStreamMode.Read))
        using (var reader = new StreamReader(hashed, Encoding.UTF8, detectEncodingFromByteOrderMarks: false))
        {
            try
            {
                var number = 0;
                foreach (var text in SplitLines(reader, displayPath))
                {
                    number++;
                    if (number <= skipLines)
                    {
                        continue;
                    }

                    if (!FieldSplitter.IsBlank(text))
                    {
                        lines.Add((number, text));
                    }
                }
            }
            catch (IOException e)
            {
                throw Unreadable(source.Source.Locate(key), fullPath, e);
            }
        }

        return new DataFileLines(displayPath, fullPath, Convert.ToHexStringLower(sha256.Hash!), lines);
    }

    /// <summary>
    /// The lines between '\n' characters without a '\r' before the '\n' (a last, unterminated line included, possibly
    /// empty), as <c>string.Split('\n')</c> of the whole file would give them, without holding more than one line: a line
    /// longer than <see cref="InputLimits.DataLineCharacters"/> is FMTL018 at the character past the limit, found before
    /// more than that and a '\r' is held.
    /// </summary>
    private static IEnumerable<string> SplitLines(StreamReader reader, string displayPath)
    {
        var buffer = new char[1 << 16];
        var line = new StringBuilder();
        var number = 1;
        string Complete()
        {
            var length = line.Length > 0 && line[^1] == '\r' ? line.Length - 1 : line.Length;
            return length > InputLimits.DataLineCharacters ? throw TooLong(displayPath, number) : line.ToString(0, length);
        }

        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var chunk = buffer.AsMemory(0, read);
            while (chunk.Length > 0)
            {
                var end = chunk.Span.IndexOf('\n');
                var part = end < 0 ? chunk : chunk[..end];
                if (line.Length + part.Length > InputLimits.DataLineCharacters + 1)
                {
                    throw TooLong(displayPath, number);
                }

                line.Append(part.Span);
                if (end < 0)
                {
                    break;
                }

                yield return Complete();
                line.Clear();
                number++;
                chunk = chunk[(end + 1)..];
            }
        }

        yield return Complete();
    }

    private static FairMtlException TooLong(string displayPath, int number) => new(
        DiagnosticCodes.InputLimit,
        new SourceLocation(displayPath, number, InputLimits.DataLineCharacters + 1),
        $"line {number} is longer than {InputLimits.DataLineCharacters} characters (expected one table row per line)");

    private static FileStream Open(DataSource source, string fullPath, string key)
    {
        var location = source.Source.Locate(key);
        if (Directory.Exists(fullPath))
        {
            throw new FairMtlException(
                DiagnosticCodes.DataFile,
                location,
                $"data file '{fullPath}' is a folder (expected a file; {key} is resolved against '{source.BaseDirectory}')");
        }

        try
        {
            return new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FairMtlException(
                DiagnosticCodes.DataFile,
                location,
                $"data file '{fullPath}' not found (expected an existing file; {key} is resolved against '{source.BaseDirectory}')");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(location, fullPath, e);
        }
    }

    private static FairMtlException Unreadable(SourceLocation location, string fullPath, Exception e) =>
        new(DiagnosticCodes.DataFile, location, $"cannot read data file '{fullPath}': {e.Message} (expected a readable file)");
}
