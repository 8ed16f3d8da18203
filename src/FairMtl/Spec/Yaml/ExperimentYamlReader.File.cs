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
            return new ExperimentFileText(InputFile.ReadText(fullPath, InputLimits.ExperimentFileBytes, out _), displayPath, Path.GetDirectoryName(fullPath) ?? fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : e.Message;
            throw new FairMtlException(
                DiagnosticCodes.ExperimentFile, SourceLocation.OfFile(displayPath), $"cannot read experiment file '{displayPath}': {reason}");
        }
    }
}

/// <summary>An experiment file's text, the name messages use for it, and the folder its relative paths resolve against.</summary>
public sealed record ExperimentFileText(string Text, string DisplayPath, string BaseDirectory);
