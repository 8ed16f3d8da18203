namespace FairMtl.Data;

/// <summary>How file paths are shown in messages.</summary>
internal static class DisplayPaths
{
    /// <summary><paramref name="fullPath"/> relative to <paramref name="currentDirectory"/> when under it, else as is.</summary>
    public static string For(string fullPath, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, fullPath);
        var outside = Path.IsPathRooted(relative)
            || relative == ".."
            || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative == ".";
        return outside ? fullPath : relative;
    }
}
