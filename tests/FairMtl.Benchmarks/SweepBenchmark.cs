namespace FairMtl.Benchmarks;

/// <summary>Wall-clock time of full experiment runs through the host, as a user runs them.</summary>
internal static class SweepBenchmark
{
    /// <summary>The built host process on a paper experiment with the given thread count.</summary>
    public static double Host(string experiment, int threads)
    {
        var output = Directory.CreateTempSubdirectory("fairmtl-bench-");
        try
        {
            var (seconds, code, text) = ProcessTimer.Run(
                "dotnet",
                [RepositoryPaths.HostAssembly, RepositoryPaths.Experiment(experiment), "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output.FullName],
                RepositoryPaths.Root);
            return code == 0 ? seconds : throw new InvalidOperationException($"host failed ({code}): {text}");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>The README's command, `dotnet run --project src/FairMtl.Host -- experiments/X.yaml` (its build check included).</summary>
    public static double DotnetRun(string experiment)
    {
        var output = Directory.CreateTempSubdirectory("fairmtl-bench-");
        try
        {
            ProcessTimer.Run("dotnet", ["build", "src/FairMtl.Host", "-nologo", "-v", "q"], RepositoryPaths.Root);
            var (seconds, code, text) = ProcessTimer.Run(
                "dotnet",
                ["run", "--project", "src/FairMtl.Host", "--", $"experiments/{experiment}.yaml", "--out", output.FullName],
                RepositoryPaths.Root);
            return code == 0 ? seconds : throw new InvalidOperationException($"dotnet run failed ({code}): {text}");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
