namespace FairMtl.Benchmarks;

/// <summary>Where the repository is, found from the benchmark's own binaries.</summary>
internal static partial class RepositoryPaths
{
    /// <summary>The folder holding FairMtl.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>experiments/&lt;name&gt;.yaml.</summary>
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
