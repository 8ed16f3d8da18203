namespace FairMtl.Benchmarks;

/// <summary>Where the repository and the built host are, found from the benchmark's own binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string HostAssembly => Path.Combine(AppContext.BaseDirectory, "FairMtl.Host.dll");

    public static string Experiment(string name) => Path.Combine(Root, "experiments", name + ".yaml");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FairMtl.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("FairMtl.sln not found above " + AppContext.BaseDirectory);
    }
}
