namespace FairMtl.Tests.Host;

/// <summary>Comparisons of two results folders of a sweep written by different paths (a rerun, a collect, a cluster).</summary>
internal static class ResultFolders
{
    /// <summary>A sweep's tables: what a resumed, collected or clustered run must reproduce byte for byte.</summary>
    public static readonly string[] SweepTables = ["baseline.csv", "sweep.csv", "pareto.csv", "seeds.csv"];

    /// <summary>Every table of <see cref="SweepTables"/> and every figure of <paramref name="expected"/> is byte-identical
    /// in <paramref name="actual"/>.</summary>
    public static void ShouldHaveSameTablesAndFigures(string expected, string actual)
    {
        foreach (var table in SweepTables)
        {
            File.ReadAllBytes(Path.Combine(actual, table)).ShouldBe(File.ReadAllBytes(Path.Combine(expected, table)), table);
        }

        var figures = Directory.GetFiles(Path.Combine(expected, "figures"));
        figures.ShouldNotBeEmpty();
        foreach (var figure in figures)
        {
            File.ReadAllBytes(Path.Combine(actual, "figures", Path.GetFileName(figure))).ShouldBe(File.ReadAllBytes(figure), Path.GetFileName(figure));
        }
    }

    /// <summary>The reduced Parkinson experiment with a second point whose weight makes SGD diverge (alpha 1e12).</summary>
    public static string DivergingParkinson(FairMtl.Tests.Data.TempDataFolder folder) =>
        HostRun.SmallExperiment(folder, "parkinson", text => text
            .Replace("alpha: [0.0, 2.5, 4.9]", "alpha: [1.0, 1.0e12]")
            .Replace("name: adam, lr: 0.01", "name: sgd, lr: 0.001"));
}
