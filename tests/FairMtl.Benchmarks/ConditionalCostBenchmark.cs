using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FairMtl.Benchmarks;

/// <summary>
/// What a loss-conditional sweep costs beside the per-point sweep it replaces (issue 23's goal: at most a tenth): pairs of
/// host runs on one thread, each with a new run store, the conditional experiment and its per-point twin in alternating
/// order; the cost of the front's models is the sum of the stored units' own seconds without the baselines (which both
/// runs train alike), so process start-up, data loading and the baselines do not dilute the ratio.
/// </summary>
internal static class ConditionalCostBenchmark
{
    /// <summary>The median over <paramref name="pairs"/> pairs of (conditional / per-point) model seconds, the medians of
    /// each, the median ratio of the two processes' wall times, and each run's optimizer steps of the front's models.</summary>
    public static ConditionalCost Measure(string conditional, string perPoint, int pairs)
    {
        var ratios = new List<double>();
        var wallRatios = new List<double>();
        var conditionalSeconds = new List<double>();
        var perPointSeconds = new List<double>();
        long conditionalSteps = 0, perPointSteps = 0;
        for (var pair = 0; pair < pairs; pair++)
        {
            // Alternate which goes first, so that neither always runs on a warmer machine.
            Run one, other;
            if (pair % 2 == 0)
            {
                one = ModelSeconds(conditional);
                other = ModelSeconds(perPoint);
            }
            else
            {
                other = ModelSeconds(perPoint);
                one = ModelSeconds(conditional);
            }

            conditionalSeconds.Add(one.Models);
            perPointSeconds.Add(other.Models);
            ratios.Add(one.Models / other.Models);
            wallRatios.Add(one.Wall / other.Wall);
            (conditionalSteps, perPointSteps) = (one.Steps, other.Steps);
        }

        return new ConditionalCost(
            StoreBenchmark.Median(ratios), StoreBenchmark.Median(conditionalSeconds), StoreBenchmark.Median(perPointSeconds), StoreBenchmark.Median(wallRatios),
            conditionalSteps, perPointSteps);
    }

    /// <summary>One host run of <paramref name="experiment"/> on one thread with a new store: the summed seconds of its
    /// stored units that are not baselines, the process's wall time, and the optimizer steps of its models that are not
    /// baselines (summary.json's steps less baseline.csv's).</summary>
    private static Run ModelSeconds(string experiment)
    {
        var output = Directory.CreateTempSubdirectory("fairmtl-bench-conditional-");
        try
        {
            var (wall, code, text) = ProcessTimer.Run("dotnet", SweepBenchmark.HostArguments(experiment, 1, output.FullName, store: true), RepositoryPaths.Root);
            if (code != 0)
            {
                throw new InvalidOperationException($"host failed on {experiment} ({code}): {text}");
            }

            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(output.FullName, "runs.db"), Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT SUM(seconds) FROM units WHERE unit_key NOT LIKE '%baseline%'";
            var seconds = Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            var results = Path.Combine(output.FullName, "results");
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "summary.json")));
            var steps = summary.RootElement.GetProperty("timings").GetProperty("optimizer_steps").GetInt64();
            var baseline = File.ReadAllLines(Path.Combine(results, "baseline.csv"));
            var column = Array.IndexOf(baseline[0].Split(','), "steps");
            steps -= baseline.Skip(1).Sum(line => long.Parse(line.Split(',')[column], CultureInfo.InvariantCulture));
            return new Run(seconds, wall, steps);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private readonly record struct Run(double Models, double Wall, long Steps);
}

/// <summary>What <see cref="ConditionalCostBenchmark.Measure"/> found.</summary>
/// <param name="Ratio">Median of the pairs' (conditional / per-point) seconds of the front's models.</param>
/// <param name="Conditional">Median seconds of the conditional run's models.</param>
/// <param name="PerPoint">Median seconds of the per-point run's models.</param>
/// <param name="WallRatio">Median of the pairs' ratios of the whole processes' wall times.</param>
/// <param name="ConditionalSteps">Optimizer steps of the conditional run's models (baselines out).</param>
/// <param name="PerPointSteps">Optimizer steps of the per-point run's models (baselines out).</param>
internal sealed record ConditionalCost(double Ratio, double Conditional, double PerPoint, double WallRatio, long ConditionalSteps, long PerPointSteps);
