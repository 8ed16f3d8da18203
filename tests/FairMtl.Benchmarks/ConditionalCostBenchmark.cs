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
    /// each, and the median ratio of the two processes' wall times.</summary>
    public static (double Ratio, double Conditional, double PerPoint, double WallRatio) Measure(string conditional, string perPoint, int pairs)
    {
        var ratios = new List<double>();
        var wallRatios = new List<double>();
        var conditionalSeconds = new List<double>();
        var perPointSeconds = new List<double>();
        for (var pair = 0; pair < pairs; pair++)
        {
            // Alternate which goes first, so that neither always runs on a warmer machine.
            (double Models, double Wall) one, other;
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
        }

        return (StoreBenchmark.Median(ratios), StoreBenchmark.Median(conditionalSeconds), StoreBenchmark.Median(perPointSeconds), StoreBenchmark.Median(wallRatios));
    }

    /// <summary>One host run of <paramref name="experiment"/> on one thread with a new store: the summed seconds of its
    /// stored units that are not baselines, and the process's wall time.</summary>
    private static (double Models, double Wall) ModelSeconds(string experiment)
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
            return (Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), wall);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
