using System.Globalization;

namespace FairMtl.Benchmarks;

/// <summary>Wall-clock time of full experiment runs through the host, as a user runs them.</summary>
internal static class SweepBenchmark
{
    /// <summary>
    /// The built host process on a paper experiment with the given thread count, three times: the median run's wall
    /// clock of the whole process and its training time (summary.json's <c>train_seconds</c>: the sweep alone,
    /// without process start-up and data loading). Each run has a new, empty run store, so every model is trained.
    /// </summary>
    public static (double Wall, double Train) Host(string experiment, int threads) =>
        MedianOfThree(output => HostArguments(experiment, threads, output, store: true), "host");

    /// <summary>
    /// One run of the built host on a paper experiment with a new, empty run store (every model trained), for the long
    /// classification protocols: wall clock of the whole process, training time, and garbage collections while training
    /// (both from summary.json).
    /// </summary>
    public static (double Wall, double Train, int Collections) Once(string experiment, int threads)
    {
        var output = Directory.CreateTempSubdirectory("fairmtl-bench-");
        try
        {
            var (seconds, code, text) = ProcessTimer.Run("dotnet", HostArguments(experiment, threads, output.FullName, store: true), RepositoryPaths.Root);
            if (code != 0)
            {
                throw new InvalidOperationException($"host failed on {experiment} ({code}): {text}");
            }

            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, "results", "summary.json")));
            var timings = summary.RootElement.GetProperty("timings");
            return (seconds, timings.GetProperty("train_seconds").GetDouble(), timings.GetProperty("garbage_collections_while_training").GetInt32());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>The host's arguments for one run into <paramref name="output"/>: with a new store in that folder, or
    /// without a store. An experiment without a YAML file is named (a compiled one, declared with attributes).
    /// <paramref name="host"/> is the host's assembly (default: the build next to the benchmarks).</summary>
    public static string[] HostArguments(string experiment, int threads, string output, bool store, string? host = null) =>
    [
        host ?? RepositoryPaths.HostAssembly, File.Exists(RepositoryPaths.Experiment(experiment)) ? RepositoryPaths.Experiment(experiment) : experiment,
        "--threads", threads.ToString(CultureInfo.InvariantCulture),
        "--out", Path.Combine(output, "results"), .. store ? new[] { "--store", Path.Combine(output, "runs.db") } : ["--no-store"],
    ];

    /// <summary>
    /// The README's command, `dotnet run --project src/FairMtl.Host -- experiments/X.yaml` (its build check included),
    /// after one `dotnet build` of the host: the median of three runs, like the host sweeps above.
    /// </summary>
    public static double DotnetRun(string experiment)
    {
        ProcessTimer.Run("dotnet", ["build", "src/FairMtl.Host", "-nologo", "-v", "q"], RepositoryPaths.Root);
        return MedianOfThree(
            output => ["run", "--project", "src/FairMtl.Host", "--", $"experiments/{experiment}.yaml", "--out", Path.Combine(output, "results"), "--store", Path.Combine(output, "runs.db")],
            "dotnet run").Wall;
    }

    /// <summary>Runs <c>dotnet</c> with the arguments for a fresh results folder three times; the run of median wall time.</summary>
    private static (double Wall, double Train) MedianOfThree(Func<string, string[]> arguments, string what)
    {
        var runs = new List<(double Wall, double Train)>();
        for (var repeat = 0; repeat < 3; repeat++)
        {
            var output = Directory.CreateTempSubdirectory("fairmtl-bench-");
            try
            {
                var (seconds, code, text) = ProcessTimer.Run("dotnet", arguments(output.FullName), RepositoryPaths.Root);
                if (code != 0)
                {
                    throw new InvalidOperationException($"{what} failed ({code}): {text}");
                }

                using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, "results", "summary.json")));
                runs.Add((seconds, summary.RootElement.GetProperty("timings").GetProperty("train_seconds").GetDouble()));
            }
            finally
            {
                output.Delete(recursive: true);
            }
        }

        return runs.OrderBy(run => run.Wall).ElementAt(1);
    }
}
