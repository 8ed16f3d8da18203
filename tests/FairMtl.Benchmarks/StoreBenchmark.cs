using System.Diagnostics;
using System.Globalization;
using FairMtl.Host.Store;
using FairMtl.Store;
using Microsoft.Data.Sqlite;

namespace FairMtl.Benchmarks;

/// <summary>What the run store costs: a sweep with a new store against the same sweep without one, and <c>runs list</c>
/// on a store of many units.</summary>
internal static class StoreBenchmark
{
    /// <summary>
    /// Pairs of host runs of <paramref name="experiment"/> on every core, one with a new store and one with
    /// <c>--no-store</c>, in alternating order: the median of the pairs' wall-time ratios (store / none) and the
    /// medians of each. Each side runs its own copy of the host, as a user who always runs with a store (or always
    /// without) would: the host records the methods it compiled into a JIT profile next to itself and compiles them
    /// ahead on the idle core in the next run, so one copy for both sides would give each side the other's profile
    /// (the store's methods compiled in the runs without a store, and not ahead in the runs with one). Two runs of each
    /// copy first make their profiles.
    /// </summary>
    public static (double Ratio, double Low, double High, double WithStore, double Without) Cost(string experiment, int pairs)
    {
        using var storeHost = HostCopy.Make();
        using var bareHost = HostCopy.Make();
        for (var warmUp = 0; warmUp < 2; warmUp++)
        {
            Time(experiment, storeHost.Assembly, store: true);
            Time(experiment, bareHost.Assembly, store: false);
        }

        var ratios = new List<double>();
        var with = new List<double>();
        var without = new List<double>();
        for (var pair = 0; pair < pairs; pair++)
        {
            // Alternate which goes first, so that neither always runs on a warmer machine.
            double stored, bare;
            if (pair % 2 == 0)
            {
                stored = Time(experiment, storeHost.Assembly, store: true);
                bare = Time(experiment, bareHost.Assembly, store: false);
            }
            else
            {
                bare = Time(experiment, bareHost.Assembly, store: false);
                stored = Time(experiment, storeHost.Assembly, store: true);
            }

            with.Add(stored);
            without.Add(bare);
            ratios.Add(stored / bare);
        }

        var (low, high) = MedianInterval(ratios);
        return (Median(ratios), low, high, Median(with), Median(without));
    }

    /// <summary>
    /// Builds a store of <paramref name="units"/> stored units in one result, then times <c>runs list</c> on it: the host
    /// process (median of three, start-up included) and the store's query alone.
    /// </summary>
    public static (double Process, double Query) RunsList(int units)
    {
        var folder = Directory.CreateTempSubdirectory("fairmtl-bench-store-");
        try
        {
            var path = Path.Combine(folder.FullName, "runs.db");
            var identities = Enumerable.Range(0, units).Select(i => i.ToString("x64", CultureInfo.InvariantCulture)).ToArray();
            using (var store = SqliteRunStore.Open(path))
            {
                store.BeginResult(new ResultStart("bench", "sweep", "result", "numerics", "code", "{}", identities, units));
            }

            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO units VALUES ($id, '{}', 1, $payload, 0.05, 'bench', '2026-12-04T00:00:00Z')";
                insert.Parameters.AddWithValue("$id", string.Empty);
                insert.Parameters.AddWithValue("$payload", new string('p', 400));
                foreach (var identity in identities)
                {
                    insert.Parameters["$id"].Value = identity;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            var query = Stopwatch.StartNew();
            using (var store = SqliteRunStore.Open(path))
            {
                var listed = store.Results();
                if (listed.Count != 1 || listed[0].StoredUnits != units)
                {
                    throw new InvalidOperationException($"the benchmark store lists {listed.Count} results");
                }
            }

            var queried = query.Elapsed.TotalSeconds;
            var process = Enumerable.Range(0, 3)
                .Select(_ => ProcessTimer.Run("dotnet", [RepositoryPaths.HostAssembly, "runs", "list", "--store", path], RepositoryPaths.Root))
                .Select(run => run.ExitCode == 0 ? run.Seconds : throw new InvalidOperationException(run.Output))
                .Order()
                .ElementAt(1);
            return (process, queried);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static double Time(string experiment, string host, bool store)
    {
        var output = Directory.CreateTempSubdirectory("fairmtl-bench-");
        try
        {
            var (seconds, code, text) = ProcessTimer.Run("dotnet", SweepBenchmark.HostArguments(experiment, Environment.ProcessorCount, output.FullName, store, host), RepositoryPaths.Root);
            return code == 0 ? seconds : throw new InvalidOperationException($"host failed ({code}): {text}");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>
    /// A distribution-free interval of about 95% for the median of <paramref name="values"/>: the order statistics
    /// n/2 -+ 0.98 sqrt(n) (the normal approximation of the binomial count below the median; n = 20 gives the 5th and
    /// 15th of 20). A goal inside the interval is not decided by the measurement.
    /// </summary>
    internal static (double Low, double High) MedianInterval(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var half = 0.98 * Math.Sqrt(sorted.Length);
        var low = Math.Max(1, (int)Math.Floor((sorted.Length / 2.0) - half));
        var high = Math.Min(sorted.Length, (int)Math.Ceiling((sorted.Length / 2.0) + half));
        return (sorted[low - 1], sorted[high - 1]);
    }
}
