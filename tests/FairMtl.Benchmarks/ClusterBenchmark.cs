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
            var status = Finish(Start(["status", synthetic, "--store", url], passfile));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"synthetic sweep of 10001 units, 8 workers on PostgreSQL: {wall:F1} s; units trained by the workers in all: {trained} (goal 10001, each once)"));
            Console.WriteLine("  status: " + status.Split('\n').First(line => line.StartsWith("units:", StringComparison.Ordinal)));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  per unit, median over the workers of their medians (largest p99): claim {Median(1):F2} ms ({Max(2):F2} ms), commit {Median(3):F2} ms ({Max(4):F2} ms)"));
            report("cluster-synthetic-units-trained", trained, string.Empty);
            report("cluster-claim-median-ms", Median(1), " ms");
            report("cluster-claim-p99-ms", Max(2), " ms");
            report("cluster-commit-median-ms", Median(3), " ms");
            report("cluster-commit-p99-ms", Max(4), " ms");

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

    [GeneratedRegex(@"claim median ([\d.]+) ms \(p99 ([\d.]+) ms, \d+ claims\), commit median ([\d.]+) ms \(p99 ([\d.]+) ms")]
    private static partial Regex Latency();
}
