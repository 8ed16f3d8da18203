using System.Security;
using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>Reading experiment files from disk (runtime only: the source generator gets file contents from the compiler).</summary>
public static partial class ExperimentYamlReader
{
    /// <summary>Reads and validates the experiment file at <paramref name="path"/>.</summary>
    /// <param name="path">The file as the user named it; error messages show it with '/' separators.</param>
    /// <exception cref="FairMtlException">FMTL015 when the file cannot be read; any other code for an invalid file.</exception>
    public static LoadedExperiment Load(string path)
    {
        var file = ReadFile(path);
        return Parse(file.Text, file.DisplayPath, file.BaseDirectory);
    }

    /// <summary>The text of the experiment file at <paramref name="path"/>, without validating it.</summary>
    /// <exception cref="FairMtlException">FMTL015 when the file cannot be read.</exception>
    public static ExperimentFileText ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var displayPath = path.Replace('\\', '/');
        try
        {
            var fullPath = Path.GetFullPath(path);
            return new ExperimentFileText(ReadBounded(fullPath), displayPath, Path.GetDirectoryName(fullPath) ?? fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : e.Message;
            throw new FairMtlException(
                DiagnosticCodes.ExperimentFile, SourceLocation.OfFile(displayPath), $"cannot read experiment file '{displayPath}': {reason}");
        }
    }

    /// <summary>
    /// The file's text as <see cref="File.ReadAllText(string)"/> decodes it, but read no further than one byte past
    /// <see cref="InputLimits.ExperimentFileBytes"/>: a larger file (or an endless one such as <c>/dev/zero</c>) costs
    /// no more memory than that, and the YAML loader refuses its text at the byte that crosses the limit.
    /// </summary>
    private static string ReadBounded(string fullPath)
    {
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[InputLimits.ExperimentFileBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        using var reader = new StreamReader(new MemoryStream(buffer, 0, length), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}

/// <summary>An experiment file's text, the name messages use for it, and the folder its relative paths resolve against.</summary>
public sealed record ExperimentFileText(string Text, string DisplayPath, string BaseDirectory);
