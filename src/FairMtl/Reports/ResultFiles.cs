namespace FairMtl.Reports;

/// <summary>Writes rendered result files into a folder, each through a temporary name and a rename.</summary>
public static class ResultFiles
{
    /// <summary>Writes every (name, content) pair (all rendered before the first write) and returns the paths.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<(string Name, string Content)> files)
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
}
