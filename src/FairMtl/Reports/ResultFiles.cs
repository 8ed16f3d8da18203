using FairMtl.Diagnostics;

namespace FairMtl.Reports;

/// <summary>Writes rendered result files into a folder, each through a temporary name and a rename.</summary>
public static class ResultFiles
{
    /// <summary>Writes every (name, content) pair (all rendered before the first write) and returns the paths.</summary>
    /// <exception cref="FairMtlException">A file or the folder cannot be written (<see cref="DiagnosticCodes.ResultFolder"/>,
    /// with the system's reason); the files written before it are whole.</exception>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<(string Name, string Content)> files)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var written = new List<string>();
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(directory, name);
                AtomicFile.WriteAllText(path, content);
                written.Add(path);
            }

            return written;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(directory, FileInTheWay(directory, out _) is { } file ? IsAFile(file) : exception.Message);
        }
    }

    /// <summary>
    /// Refuses a results folder that a run could not write, before the run trains anything: a file where the folder
    /// (or one of its parents) should be, or a folder this process cannot create files in. Nothing is created: the
    /// nearest existing folder is tried with a temporary file that deletes itself.
    /// </summary>
    /// <exception cref="FairMtlException">The folder cannot be made or written (<see cref="DiagnosticCodes.ResultFolder"/>).</exception>
    public static void CheckWritable(string directory)
    {
        if (FileInTheWay(directory, out var existing) is { } file)
        {
            throw Unwritable(directory, IsAFile(file));
        }

        var probe = Path.Combine(existing, $".fairmtl-write-check-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(directory, $"cannot create files in '{existing}' ({exception.Message})");
        }
    }

    /// <summary>The file standing where <paramref name="directory"/> or one of its parents should be, if any; else null,
    /// with <paramref name="existing"/> the nearest folder of the path that exists.</summary>
    private static string? FileInTheWay(string directory, out string existing)
    {
        existing = Path.GetFullPath(directory);
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return existing;
            }

            if (Path.GetDirectoryName(existing) is not { } parent)
            {
                return null; // a root that does not exist (a missing drive): the attempt to write there says so
            }

            existing = parent;
        }

        return null;
    }

    private static string IsAFile(string file) => $"'{file}' is a file (expected a folder there, or nothing)";

    private static FairMtlException Unwritable(string directory, string reason) =>
        new(DiagnosticCodes.ResultFolder, SourceLocation.OfFile(directory), $"the results folder cannot be written: {reason}");
}
