namespace FairMtl.Torch.Tests;

/// <summary>Where the repository's experiments are, found from the test binaries.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

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
