namespace FairMtl.Tests.Yaml;

/// <summary>The checkout's root: the nearest folder above the test binaries that holds FairMtl.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Experiment(string fileName) => System.IO.Path.Combine(Path, "experiments", fileName);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "FairMtl.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no FairMtl.sln above {AppContext.BaseDirectory}");
    }
}
