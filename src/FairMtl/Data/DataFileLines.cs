using System.Security.Cryptography;
using System.Text;
using FairMtl.Diagnostics;

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
        var bytes = ReadBytes(source, fullPath, key);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var lines = new List<(int Number, string Text)>();
        var number = 0;
        foreach (var raw in Decode(bytes).Split('\n'))
        {
            number++;
            if (number <= skipLines)
            {
                continue;
            }

            var text = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (!FieldSplitter.IsBlank(text))
            {
                lines.Add((number, text));
            }
        }

        return new DataFileLines(displayPath, fullPath, sha256, lines);
    }

    private static byte[] ReadBytes(DataSource source, string fullPath, string key)
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
            return File.ReadAllBytes(fullPath);
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
            throw new FairMtlException(
                DiagnosticCodes.DataFile,
                location,
                $"cannot read data file '{fullPath}': {e.Message} (expected a readable file)");
        }
    }

    private static string Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var span = bytes.AsSpan();
        return Encoding.UTF8.GetString(span.StartsWith(bom) ? span[bom.Length..] : span);
    }
}
