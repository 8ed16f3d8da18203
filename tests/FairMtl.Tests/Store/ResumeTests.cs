using System.Text.RegularExpressions;
using FairMtl.Host.Running;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;

namespace FairMtl.Tests.Store;

/// <summary>
/// The run store through the host: a rerun trains only what the store lacks and writes the same tables; a unit's
/// identity changes exactly when something its numbers depend on changes; the history answers <c>runs</c>.
/// </summary>
public partial class ResumeTests
{
    [Fact]
    public async Task A_rerun_trains_only_the_units_the_store_lacks_and_writes_byte_identical_tables()
    {
        using var folder = new TempDataFolder();
        var store = Path.Combine(folder.Path, "runs.db");
        var experiment = TwoSeeds(folder);
        var first = await Run(experiment, store, Path.Combine(folder.Path, "first"));
        Trained(first).ShouldBe((8, 8));

        // Lose three of the eight units, as a run killed before committing them would have.
        var deleted = StoreFile.Execute(store, "DELETE FROM units WHERE rowid IN (SELECT rowid FROM units ORDER BY rowid LIMIT 3)");
        deleted.ShouldBe(3);
        var second = await Run(experiment, store, Path.Combine(folder.Path, "second"));

        Trained(second).ShouldBe((3, 8));
        second.Output.ShouldContain("the other 5 were already in the run store");
        ResultFolders.ShouldHaveSameTablesAndFigures(Path.Combine(folder.Path, "first"), Path.Combine(folder.Path, "second"));
        StoreFile.Scalar(store, "SELECT count(*) FROM units").ShouldBe(8L);

        var fresh = await Run(experiment, store, Path.Combine(folder.Path, "fresh"), "--fresh");
        Trained(fresh).ShouldBe((8, 8), "--fresh ignores stored units");
        ResultFolders.ShouldHaveSameTablesAndFigures(Path.Combine(folder.Path, "first"), Path.Combine(folder.Path, "fresh"));
        StoreFile.Scalar(store, "SELECT count(*) FROM units").ShouldBe(8L, "a unit stored again replaces itself");
    }

    [Fact]
    public async Task A_units_identity_changes_exactly_when_what_its_numbers_depend_on_changes()
    {
        using var folder = new TempDataFolder();
        var store = Path.Combine(folder.Path, "runs.db");
        Trained(await Run(TwoSeeds(folder), store, Path.Combine(folder.Path, "a"))).ShouldBe((8, 8));

        using var described = new TempDataFolder(folder.Path);
        var description = TwoSeeds(described, text => text.Replace("Parkinson telemonitoring: predict", "Another wording: predict", StringComparison.Ordinal));
        Trained(await Run(description, store, Path.Combine(folder.Path, "b"))).ShouldBe((0, 8), "the description changes no number");

        using var seeded = new TempDataFolder(folder.Path);
        var seed = TwoSeeds(seeded, text => text.Replace("seeds: [42, 43]", "seeds: [42, 44]", StringComparison.Ordinal));
        Trained(await Run(seed, store, Path.Combine(folder.Path, "c"))).ShouldBe((4, 8), "only seed 44's baseline and three points are new");

        using var rate = new TempDataFolder(folder.Path);
        var learningRate = TwoSeeds(rate, text => text.Replace("lr: 0.01", "lr: 0.02", StringComparison.Ordinal));
        Trained(await Run(learningRate, store, Path.Combine(folder.Path, "d"))).ShouldBe((8, 8), "every model depends on the learning rate");

        using var data = new TempDataFolder(folder.Path);
        var changed = data.Write("parkinsons_updrs.data", File.ReadAllText(DataPath).Replace("\n1,72,0,5.6431,", "\n1,73,0,5.6431,", StringComparison.Ordinal));
        File.ReadAllText(changed).ShouldNotBe(File.ReadAllText(DataPath));
        var otherData = TwoSeeds(data, text => Regex.Replace(text, "file: .*parkinsons_updrs.data", "file: " + changed.Replace('\\', '/')));
        Trained(await Run(otherData, store, Path.Combine(folder.Path, "e"))).ShouldBe((8, 8), "one changed value in the data file");
    }

    [Fact]
    public async Task A_results_folder_under_a_file_is_refused_before_training_and_before_the_store_is_made()
    {
        using var folder = new TempDataFolder();
        var store = Path.Combine(folder.Path, "runs.db");
        var blocked = Path.Combine(folder.Path, "blocked");
        File.WriteAllText(blocked, "a file where the results folder should go");

        var refused = await Run(TwoSeeds(folder), store, Path.Combine(blocked, "out"));
        refused.ExitCode.ShouldBe(ExitCodes.UserError, refused.Error);
        refused.Error.ShouldBe($"{Path.Combine(blocked, "out")}: error FMTL019: the results folder cannot be written: '{blocked}' is a file (expected a folder there, or nothing)\n");
        refused.Output.ShouldNotContain("Trained");
        File.Exists(store).ShouldBeFalse("nothing was trained, so no store was made");
    }

    [Fact]
    public async Task A_result_file_that_cannot_be_written_at_the_end_is_a_located_error_and_the_store_keeps_the_complete_result()
    {
        using var folder = new TempDataFolder();
        var store = Path.Combine(folder.Path, "runs.db");
        var output = Path.Combine(folder.Path, "out");
        Directory.CreateDirectory(Path.Combine(output, "sweep.csv")); // a folder where the sweep table is to be written
        var experiment = TwoSeeds(folder);

        var failed = await Run(experiment, store, output);
        failed.ExitCode.ShouldBe(ExitCodes.UserError, failed.Output);
        var error = failed.Error.Split('\n').Single(line => line.Contains("FMTL019", StringComparison.Ordinal));
        error.ShouldStartWith($"{output}: error FMTL019: the results folder cannot be written: ");
        error.ShouldContain(Path.Combine(output, "sweep.csv"));
        error.ShouldEndWith($"; the trained models are kept in the run store {store}: rerun with a writable --out to write them without training");
        failed.Error.ShouldNotContain("   at ");
        var list = await HostRun.InvokeAsync("runs", "list", "--store", store);
        Regex.Matches(list.Output, @"\| +1 \| parkinson-10seeds \| sweep \| .* \| 8/8 +\| complete \|").Count.ShouldBe(1, list.Output);
        var show = await HostRun.InvokeAsync("runs", "show", "1", "--store", store);
        show.Output.ShouldContain("## sweep\n");

        Trained(await Run(experiment, store, Path.Combine(folder.Path, "elsewhere"))).ShouldBe((0, 8), "every unit was kept");
    }

    [Fact]
    public async Task The_history_lists_shows_and_compares_stored_results()
    {
        using var folder = new TempDataFolder();
        var store = Path.Combine(folder.Path, "runs.db");
        await Run(TwoSeeds(folder), store, Path.Combine(folder.Path, "a"));
        using var rate = new TempDataFolder(folder.Path);
        await Run(TwoSeeds(rate, text => text.Replace("lr: 0.01", "lr: 0.02", StringComparison.Ordinal)), store, Path.Combine(folder.Path, "b"));

        var list = await HostRun.InvokeAsync("runs", "list", "--store", store);
        list.ExitCode.ShouldBe(ExitCodes.Success, list.Error);
        list.Output.ShouldMatch(@"\| id \| experiment +\| kind +\| numerics +\| code +\| created +\| updated +\| units stored \| status +\|");
        Regex.Matches(list.Output, @"\| +[12] \| parkinson-10seeds \| sweep \| .* \| 8/8 +\| complete \|").Count.ShouldBe(2, list.Output);

        var show = await HostRun.InvokeAsync("runs", "show", "1", "--store", store);
        show.ExitCode.ShouldBe(ExitCodes.Success, show.Error);
        show.Output.ShouldStartWith("result 1: parkinson-10seeds (sweep), complete, 8 of 8 units stored");
        show.Output.ShouldContain("\"learning_rate\":0.01");
        show.Output.ShouldContain("## sweep\n");

        var diff = await HostRun.InvokeAsync("runs", "diff", "1", "2", "--store", store);
        diff.ExitCode.ShouldBe(ExitCodes.Success, diff.Error);
        diff.Output.ShouldStartWith("Cells that moved from result 1 (parkinson-10seeds) to result 2 (parkinson-10seeds):");
        diff.Output.ShouldContain("\nsweep row ");

        var same = await HostRun.InvokeAsync("runs", "diff", "1", "1", "--store", store);
        same.Output.ShouldBe("No cell moved between result 1 (parkinson-10seeds) and result 1 (parkinson-10seeds).\n");

        var missing = await HostRun.InvokeAsync("runs", "show", "7", "--store", store);
        missing.ExitCode.ShouldBe(ExitCodes.UserError);
        missing.Error.ShouldBe($"error: the run store {store.Replace('\\', '/')} has no result 7 (runs list shows the ids)\n");
    }

    [Fact]
    public async Task An_unusable_store_stops_the_run_before_training_with_exit_code_4_and_no_stack_trace()
    {
        using var folder = new TempDataFolder();
        var notAStore = folder.Write("notes.db", "my notes\n" + new string('-', 4096));
        var outDirectory = Path.Combine(folder.Path, "out");

        var run = await HostRun.InvokeAsync(TwoSeeds(folder), "--store", notAStore, "--out", outDirectory);

        run.ExitCode.ShouldBe(ExitCodes.StoreError);
        run.Error.ShouldStartWith($"error: run store {notAStore.Replace('\\', '/')}: cannot be opened: it is not an SQLite database");
        run.Error.ShouldNotContain("   at ");
        Directory.Exists(outDirectory).ShouldBeFalse();
        File.ReadAllText(notAStore).ShouldStartWith("my notes\n");
    }

    [Fact]
    public async Task A_run_stopped_by_a_mistake_in_its_experiment_file_leaves_no_store_file_behind()
    {
        using var folder = new TempDataFolder();
        var store = Path.Combine(folder.Path, "runs.db");
        var broken = TwoSeeds(folder, text => text.Replace("lr: 0.01", "lr: fast", StringComparison.Ordinal));

        var run = await HostRun.InvokeAsync(broken, "--store", store, "--out", Path.Combine(folder.Path, "out"));

        run.ExitCode.ShouldBe(ExitCodes.UserError, run.Output);
        run.Error.ShouldContain("lr");
        File.Exists(store).ShouldBeFalse("the store's code is warmed up on an in-memory database; its file is opened only once the experiment is valid");
        (await HostRun.InvokeAsync(TwoSeeds(folder), "--store", store, "--out", Path.Combine(folder.Path, "out"))).ExitCode.ShouldBe(ExitCodes.Success);
        File.Exists(store).ShouldBeTrue();
    }

    [Fact]
    public async Task Without_store_options_a_run_keeps_its_units_in_results_runs_db_of_the_current_folder()
    {
        // Its own process in its own folder: the tests' process must not change its current folder under the others.
        using var folder = new TempDataFolder();
        var experiment = TwoSeeds(folder);
        using var process = HostProcess.Start([experiment, "--out", "out"], workingDirectory: folder.Path);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await HostProcess.WaitForExitAsync(process, TimeSpan.FromMinutes(2), "within two minutes");

        process.ExitCode.ShouldBe(ExitCodes.Success, await error);
        (await output).ShouldContain("Kept in the run store results/runs.db as result 1.");
        StoreFile.Scalar(Path.Combine(folder.Path, "results", "runs.db"), "SELECT count(*) FROM units").ShouldBe(8L);
    }

    private static string DataPath => Path.Combine(TestExperiments.ExperimentsDirectory, "data/parkinsons-telemonitoring/parkinsons_updrs.data");

    /// <summary>The reduced Parkinson experiment over seeds 42 and 43: per seed a baseline and three points (8 models).</summary>
    internal static string TwoSeeds(TempDataFolder folder, Func<string, string>? edit = null) =>
        HostRun.SmallExperiment(folder, "parkinson-10seeds", text =>
        {
            text = text.Replace("seeds: [42, 43, 44, 45, 46, 47, 48, 49, 50, 51]", "seeds: [42, 43]", StringComparison.Ordinal);
            return edit?.Invoke(text) ?? text;
        });

    private static Task<HostRun> Run(string experiment, string store, string outDirectory, params string[] more) =>
        HostRun.InvokeAsync([experiment, "--store", store, "--out", outDirectory, .. more]);

    /// <summary>(models trained by the run, models of the run), from the run's own account.</summary>
    internal static (int Trained, int Total) Trained(HostRun run)
    {
        run.ExitCode.ShouldBe(ExitCodes.Success, run.Error);
        return TrainedIn(run.Output);
    }

    internal static (int Trained, int Total) TrainedIn(string output)
    {
        var resumed = TrainedOf().Match(output);
        if (resumed.Success)
        {
            return (int.Parse(resumed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(resumed.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        var all = TrainedAll().Match(output);
        all.Success.ShouldBeTrue(output);
        var models = int.Parse(all.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (models, models);
    }

    [GeneratedRegex(@"Trained (\d+) of (\d+) models")]
    private static partial Regex TrainedOf();

    [GeneratedRegex(@"Trained (\d+) models \(")]
    private static partial Regex TrainedAll();
}
