using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FairMtl.Host.Running;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;
using Microsoft.Data.Sqlite;

namespace FairMtl.Tests.Store;

/// <summary>
/// Real processes against one store: a run killed with SIGKILL or interrupted with SIGINT once some units are stored
/// resumes without training a stored unit again and writes the files of an uninterrupted run; two processes started
/// together on one store train every unit exactly once between them.
/// </summary>
public partial class CrashTests
{
    private const int Models = 60;

    [Fact]
    public async Task A_run_killed_or_interrupted_midway_resumes_without_retraining_and_writes_the_files_of_an_uninterrupted_run()
    {
        using var folder = new TempDataFolder();
        var experiment = Experiment(folder);
        var reference = Path.Combine(folder.Path, "reference");
        var uninterrupted = await HostProcess.RunAsync([experiment, "--out", reference, "--store", Path.Combine(folder.Path, "reference.db")]);
        uninterrupted.Code.ShouldBe(ExitCodes.Success, uninterrupted.Error);
        ResumeTests.TrainedIn(uninterrupted.Output).ShouldBe((Models, Models));

        foreach (var signal in new[] { "KILL", "INT" })
        {
            var store = Path.Combine(folder.Path, $"{signal}.db");
            var outDirectory = Path.Combine(folder.Path, signal);
            string[] command = [experiment, "--out", outDirectory, "--store", store];
            using (var process = HostProcess.Start(command))
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                await WaitForUnitsAsync(store, process, 6);
                Signal(process, signal);
                await HostProcess.WaitForExitAsync(process, TimeSpan.FromSeconds(60), $"within 60 s of SIG{signal}");
                await Task.WhenAll(output, error);
                process.ExitCode.ShouldBe(signal == "KILL" ? 137 : ExitCodes.Cancelled, await error);
            }

            Directory.Exists(outDirectory).ShouldBeFalse("no result file is written by a run that did not end");
            var before = Units(store);
            before.Count.ShouldBeInRange(6, Models - 1, $"SIG{signal} should land while units are being stored; make the experiment longer if it did not");

            var resumed = await HostProcess.RunAsync(command);

            resumed.Code.ShouldBe(ExitCodes.Success, resumed.Error);
            ResumeTests.TrainedIn(resumed.Output).ShouldBe((Models - before.Count, Models), $"after SIG{signal} only the missing units are trained");
            var after = Units(store);
            after.Count.ShouldBe(Models);
            foreach (var (identity, row) in before)
            {
                after[identity].ShouldBe(row, "a unit stored before the signal is not trained or written again");
            }

            SameFiles(reference, outDirectory);
        }
    }

    [Fact]
    public async Task Two_processes_started_together_on_one_store_train_every_unit_exactly_once()
    {
        using var folder = new TempDataFolder();
        var experiment = Experiment(folder);
        var store = Path.Combine(folder.Path, "shared.db");

        // The second process starts once the first has committed a few units, so that they surely run side by side
        // (started at the same instant, a slow start-up on a loaded machine could leave the second nothing to do).
        using var first = HostProcess.Start([experiment, "--out", Path.Combine(folder.Path, "a"), "--store", store]);
        var firstOutput = first.StandardOutput.ReadToEndAsync();
        var firstError = first.StandardError.ReadToEndAsync();
        await WaitForUnitsAsync(store, first, 3);
        var second = await HostProcess.RunAsync([experiment, "--out", Path.Combine(folder.Path, "b"), "--store", store]);
        await HostProcess.WaitForExitAsync(first, TimeSpan.FromMinutes(2), "within two minutes");
        var runs = new[] { (Code: first.ExitCode, Output: await firstOutput, Error: await firstError), second };

        foreach (var run in runs)
        {
            run.Code.ShouldBe(ExitCodes.Success, run.Error);
        }

        var trained = runs.Select(run => ResumeTests.TrainedIn(run.Output)).ToArray();
        trained.Sum(t => t.Trained).ShouldBe(Models, $"between them the two processes train each model once ({trained[0].Trained} + {trained[1].Trained})");
        trained.ShouldAllBe(t => t.Trained > 0, "both processes shared the work");
        var units = Units(store);
        units.Count.ShouldBe(Models);
        units.Values.Select(row => row.Worker).Distinct().Count().ShouldBe(2, "each unit was committed by the one worker that trained it");
        StoreFile.Scalar(store, "SELECT count(*) FROM claims").ShouldBe(0L, "no claim is left behind");
        SameFiles(Path.Combine(folder.Path, "a"), Path.Combine(folder.Path, "b"));
    }

    /// <summary>Parkinson over 10 seeds, 5 points: 60 models of about 0.05 s each.</summary>
    private static string Experiment(TempDataFolder folder) =>
        HostRun.SmallExperiment(folder, "parkinson-10seeds", text => text
            .Replace("alpha: [0.0, 2.5, 4.9]", "alpha: [0.0, 1.0, 2.0, 3.0, 4.9]", StringComparison.Ordinal)
            .Replace("epochs: 2\n", "epochs: 40\n", StringComparison.Ordinal));

    private static async Task WaitForUnitsAsync(string store, Process process, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!process.HasExited)
        {
            if (File.Exists(store) && TryCount(store) >= count)
            {
                return;
            }

            await Task.Delay(10, timeout.Token);
        }

        throw new ShouldAssertException("the host ended before it stored any unit");
    }

    private static long TryCount(string store)
    {
        try
        {
            return StoreFile.Scalar(store, "SELECT count(*) FROM units");
        }
        catch (SqliteException)
        {
            return 0; // not created yet, or busy
        }
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    private static Dictionary<string, (string Worker, string Finished, string Payload)> Units(string store)
    {
        using var connection = StoreFile.Open(store);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT identity, worker, finished, payload FROM units";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (string, string, string)>();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return rows;
    }

    /// <summary>Every file of the two results folders is byte-identical, but for the lines that time the run.</summary>
    private static void SameFiles(string expected, string actual)
    {
        var files = Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(expected, path)).Order().ToArray();
        Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(actual, path)).Order().ShouldBe(files);
        files.Length.ShouldBeGreaterThan(8);
        foreach (var file in files)
        {
            WithoutTimings(File.ReadAllText(Path.Combine(actual, file))).ShouldBe(WithoutTimings(File.ReadAllText(Path.Combine(expected, file))), file);
        }
    }

    private static string WithoutTimings(string text) => TimingLine().Replace(text, string.Empty);

    [GeneratedRegex(@"^.*(seconds|us_per_step|us per step|garbage.collections|bytes.allocated|models_from_store|models from store).*\n", RegexOptions.Multiline)]
    private static partial Regex TimingLine();
}
