using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FairMtl.Benchmarks;

/// <summary>
/// The cluster path at scale on this machine (<c>--cluster</c>; needs root and the Debian PostgreSQL packages): a
/// synthetic sweep of 10,001 tiny units through a PostgreSQL store with 8 local worker processes (each unit trained
/// exactly once; the claims' and commits' per-unit latency as the workers measured it), and the Parkinson sweep with 2
/// workers against <c>run --threads 2 --no-store</c>.
/// </summary>
internal static partial class ClusterBenchmark
{
    public static void Run(Action<string, double, string> report)
    {
        var folder = Directory.CreateTempSubdirectory("fairmtl-bench-cluster-");
        if (!OperatingSystem.IsWindows())
        {
            // The server runs as the user postgres, which must enter this folder to reach its own.
            File.SetUnixFileMode(folder.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        var server = Path.Combine(folder.FullName, "postgres");
        try
        {
            var exports = Script("postgres.sh", "start", server, FreePort().ToString(CultureInfo.InvariantCulture));
            var passfile = Export(exports, "PGPASSFILE");
            var url = Export(exports, "FAIRMTL_PG_URL");

            var synthetic = Path.Combine(folder.FullName, "synthetic.yaml");
            File.WriteAllText(synthetic, File.ReadAllText(RepositoryPaths.Experiment("parkinson"))
                .Replace("name: parkinson", "name: synthetic-10001", StringComparison.Ordinal)
                .Replace("file: data/", "file: " + Path.Combine(RepositoryPaths.Root, "experiments", "data").Replace('\\', '/') + "/", StringComparison.Ordinal)
                .Replace("count: 50 }", "count: 10000 }", StringComparison.Ordinal)
                .Replace("epochs: 50", "epochs: 1", StringComparison.Ordinal));
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, 8).Select(_ => Start(["worker", synthetic, "--store", url, "--threads", "1"], passfile)).ToArray();
            var outputs = workers.Select(Finish).ToArray();
            var wall = clock.Elapsed.TotalSeconds;
            var trained = outputs.Sum(output => int.Parse(Trained().Match(output).Groups[1].Value, CultureInfo.InvariantCulture));
            var latencies = outputs.Select(output => Latency().Match(output)).Where(match => match.Success).ToArray();
            double Median(int group) => latencies.Select(match => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture)).Order().ElementAt(latencies.Length / 2);
            double Max(int group) => latencies.Max(match => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture));
            var claimTransactions = latencies.Sum(match => int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
            var status = Finish(Start(["status", synthetic, "--store", url], passfile));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"synthetic sweep of 10001 units, 8 workers on PostgreSQL: {wall:F1} s; units trained by the workers in all: {trained} (goal 10001, each once)"));
            Console.WriteLine("  status: " + status.Split('\n').First(line => line.StartsWith("units:", StringComparison.Ordinal)));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  claims: {claimTransactions} transactions for {trained} units; per unit trained, median over the workers {Median(1):F2} ms (largest claim p99 {Max(3):F2} ms); commit median {Median(4):F2} ms (largest p99 {Max(5):F2} ms)"));
            report("cluster-synthetic-units-trained", trained, string.Empty);
            report("cluster-claim-transactions", claimTransactions, string.Empty);
            report("cluster-claim-ms-per-unit", Median(1), " ms");
            report("cluster-claim-p99-ms", Max(3), " ms");
            report("cluster-commit-median-ms", Median(4), " ms");
            report("cluster-commit-p99-ms", Max(5), " ms");

            foreach (var batch in new[] { 1, 16 })
            {
                var (perSecond, claimMedian, p99) = Throughput(url, passfile, batch);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"store alone, 8 threads claiming and committing 20000 empty units, {batch} unit(s) per claim: {perSecond:F0} units/s; claim transaction median {claimMedian:F2} ms, p99 {p99:F2} ms"));
                report($"cluster-store-units-per-s-batch-{batch}", perSecond, string.Empty);
            }

            var ratios = new List<double>();
            for (var pair = 0; pair < 3; pair++)
            {
                // A new database per pair, so that each pair's workers train every unit.
                var parkinson = url[..(url.LastIndexOf('/') + 1)] + string.Create(CultureInfo.InvariantCulture, $"parkinson{pair}");
                var psql = new ProcessStartInfo("psql", [url, "-q", "-c", $"CREATE DATABASE {parkinson[(parkinson.LastIndexOf('/') + 1)..]}"]) { UseShellExecute = false };
                psql.Environment["PGPASSFILE"] = passfile;
                using (var create = Process.Start(psql)!)
                {
                    create.WaitForExit();
                }

                var pairClock = Stopwatch.StartNew();
                var two = Enumerable.Range(0, 2).Select(_ => Start(["worker", RepositoryPaths.Experiment("parkinson"), "--store", parkinson, "--threads", "1"], passfile)).ToArray();
                foreach (var worker in two)
                {
                    Finish(worker);
                }

                var cluster = pairClock.Elapsed.TotalSeconds;
                var local = ProcessTimer.Run("dotnet", [RepositoryPaths.HostAssembly, "run", RepositoryPaths.Experiment("parkinson"), "--threads", "2", "--no-store", "--out", Path.Combine(folder.FullName, "local")], RepositoryPaths.Root);
                ratios.Add(cluster / local.Seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parkinson, 2 workers on PostgreSQL {cluster:F2} s, run --threads 2 --no-store {local.Seconds:F2} s"));
            }

            var median = ratios.Order().ElementAt(1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parkinson: 2 workers / one local run, median of 3 pairs: {median:F3}"));
            report("cluster-parkinson-2-workers-ratio", median, "x");
        }
        finally
        {
            try
            {
                Script("postgres.sh", "stop", server);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    /// <summary>The store alone: 8 threads, each with its own connection pool, claim (in batches of
    /// <paramref name="batch"/>) and commit 20,000 units with a 400-character payload, each thread from its own place.</summary>
    private static (double PerSecond, double MedianMs, double P99Ms) Throughput(string url, string passfile, int batch)
    {
        var password = File.ReadAllText(passfile).Trim().Split(':')[^1];
        var database = $"throughput{batch}";
        var psql = new ProcessStartInfo("psql", [url, "-q", "-c", $"CREATE DATABASE {database}"]) { UseShellExecute = false };
        psql.Environment["PGPASSFILE"] = passfile;
        using (var create = Process.Start(psql)!)
        {
            create.WaitForExit();
        }

        var address = FairMtl.Host.Store.PostgresAddress.Parse(url[..(url.LastIndexOf('/') + 1)].Replace("postgres://fairmtl@", $"postgres://fairmtl:{password}@", StringComparison.Ordinal) + database);
        var identities = Enumerable.Range(0, 20_000).Select(i => i.ToString("x64", CultureInfo.InvariantCulture)).ToArray();
        var payload = new string('p', 400);
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            using var store = FairMtl.Host.Store.PostgresRunStore.Open(address);
            var worker = $"bench:{thread}:{thread}";
            var start = thread * identities.Length / 8;
            var order = identities.Skip(start).Concat(identities.Take(start)).ToArray();
            for (var i = 0; i < order.Length; i += batch)
            {
                var chunk = order.AsSpan(i, Math.Min(batch, order.Length - i)).ToArray().Order(StringComparer.Ordinal).ToArray();
                var claimStart = Stopwatch.GetTimestamp();
                var outcomes = store.TryClaimMany(chunk, worker, evenIfStored: false);
                times.Add(Stopwatch.GetElapsedTime(claimStart).TotalMilliseconds);
                for (var k = 0; k < chunk.Length; k++)
                {
                    if (outcomes[k] == FairMtl.Store.ClaimOutcome.Claimed)
                    {
                        store.Commit(new FairMtl.Store.FinishedUnit(chunk[k], "{}", 1, payload, 0.001, worker));
                    }
                }
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = times.Order().ToArray();
        return (identities.Length / seconds, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
    }

    private static Process Start(string[] arguments, string passfile)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(RepositoryPaths.HostAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSFILE"] = passfile;
        return Process.Start(start)!;
    }

    private static string Finish(Process process)
    {
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"a host process failed ({process.ExitCode}): {output}{error.Result}");
        }
    }

    private static string Script(string script, params string[] arguments)
    {
        var run = ProcessTimer.Run("bash", [Path.Combine(RepositoryPaths.Root, "scripts", script), .. arguments], RepositoryPaths.Root);
        return run.ExitCode == 0 ? run.Output : throw new InvalidOperationException($"scripts/{script} failed: {run.Output}");
    }

    private static string Export(string output, string name) =>
        output.Split('\n').First(line => line.StartsWith($"export {name}=", StringComparison.Ordinal))[($"export {name}=").Length..].Trim();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"trained (\d+) of (\d+) units")]
    private static partial Regex Trained();

    [GeneratedRegex(@"claims ([\d.]+) ms per unit trained \((\d+) claims, median [\d.]+ ms, p99 ([\d.]+) ms\), commit median ([\d.]+) ms \(p99 ([\d.]+) ms")]
    private static partial Regex Latency();
}
