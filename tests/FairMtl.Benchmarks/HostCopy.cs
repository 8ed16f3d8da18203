namespace FairMtl.Benchmarks;

/// <summary>A copy of the built host (the benchmarks' output folder, which holds it) in a temporary folder of its own,
/// deleted when disposed: a host with its own JIT profile.</summary>
internal sealed class HostCopy : IDisposable
{
    private readonly DirectoryInfo _folder;

    private HostCopy(DirectoryInfo folder) => _folder = folder;

    /// <summary>The copy's <c>FairMtl.Host.dll</c>.</summary>
    public string Assembly => Path.Combine(_folder.FullName, Path.GetFileName(RepositoryPaths.HostAssembly));

    /// <summary>Copies the folder of <see cref="RepositoryPaths.HostAssembly"/> without its JIT profile.</summary>
    public static HostCopy Make()
    {
        var source = Path.GetDirectoryName(RepositoryPaths.HostAssembly)!;
        var folder = Directory.CreateTempSubdirectory("fairmtl-bench-host-");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".jitprofile", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(folder.FullName, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new HostCopy(folder);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
