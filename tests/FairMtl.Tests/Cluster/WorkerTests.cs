using System.Text.RegularExpressions;
using FairMtl.Host.Running;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;
using FairMtl.Tests.Store;
using Npgsql;

namespace FairMtl.Tests.Cluster;

/// <summary>
/// Workers as separate processes sharing one PostgreSQL store: every unit trained exactly once, also when a worker is
/// killed in the middle of a unit or the server restarts; failures stored once; <c>collect</c> writes the same tables as
/// a local run; <c>status</c> says where the units stand; the password is never shown.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class WorkerTests(PostgresServer server)
{
    [Fact]
    public async Task Two_workers_share_the_units_and_collect_writes_the_tables_of_a_local_run()
    {
        using var folder = new TempDataFolder();
        var experiment = ResumeTests.TwoSeeds(folder);
        var url = server.NewDatabase();
        var local = await HostRun.InvokeAsync(experiment, "--no-store", "--out", Path.Combine(folder.Path, "local"));
        local.ExitCode.ShouldBe(ExitCodes.Success, local.Error);

        var workers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => HostProcess.RunAsync(["worker", experiment, "--store", url, "--threads", "1"], server.Environment)));

        var trained = workers.Select(worker =>
        {
            worker.Code.ShouldBe(ExitCodes.Success, worker.Error);
            var units = int.Parse(WorkerTrained().Match(worker.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (units > 0)
            {
                worker.Output.ShouldMatch(@"Store time: claims \d+\.\d\d ms per unit trained \(\d+ claims, median \d+\.\d\d ms, p99 \d+\.\d\d ms\), commit median");
            }

            return units;
        }).ToArray();
        trained.Sum().ShouldBe(8, "each of the 8 units trained by exactly one worker");
        Count(url, "SELECT count(*) FROM fairmtl.units").ShouldBe(8L);

        var status = await HostProcess.RunAsync(["status", experiment, "--store", url], server.Environment);
        status.Code.ShouldBe(ExitCodes.Success, status.Error);
        status.Output.ShouldContain("units: 8 (8 models): 8 done, 0 failed, 0 running, 0 abandoned (lease lapsed), 0 pending");

        var collected = await HostRun.InvokeAsync("collect", experiment, "--store", server.UrlWithPassword(url), "--out", Path.Combine(folder.Path, "collected"));
        collected.ExitCode.ShouldBe(ExitCodes.Success, collected.Error);
        collected.Output.ShouldContain($"Collected all 8 models from the run store {url} (result 1).");
        ResultFolders.ShouldHaveSameTablesAndFigures(Path.Combine(folder.Path, "local"), Path.Combine(folder.Path, "collected"));
        foreach (var text in new[] { collected.Output, collected.Error, File.ReadAllText(Path.Combine(folder.Path, "collected", "summary.json")), File.ReadAllText(Path.Combine(folder.Path, "collected", "report.html")) })
        {
            text.ShouldNotContain(server.Password);
        }
    }

    [Fact]
    public async Task A_worker_killed_in_the_middle_of_a_unit_loses_nothing_and_another_trains_what_it_held_once_its_lease_lapses()
    {
        using var folder = new TempDataFolder();
        var experiment = ResumeTests.TwoSeeds(folder, text => text.Replace("epochs: 2", "epochs: 300", StringComparison.Ordinal));
        var url = server.NewDatabase();
        using var doomed = HostProcess.Start(["worker", experiment, "--store", url, "--threads", "1", "--lease", "2"], server.Environment);
        _ = doomed.StandardOutput.ReadToEndAsync();
        _ = doomed.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (Count(url, "SELECT count(*) FROM fairmtl.units") < 2 || Count(url, "SELECT count(*) FROM fairmtl.claims") < 1)
        {
            (DateTime.UtcNow < deadline && !doomed.HasExited).ShouldBeTrue("the worker stores two units and holds a third within two minutes");
            await Task.Delay(20);
        }

        doomed.Kill();
        await doomed.WaitForExitAsync();
        var storedBefore = Count(url, "SELECT count(*) FROM fairmtl.units");
        Count(url, "SELECT count(*) FROM fairmtl.claims").ShouldBe(1L, "the killed worker held the unit it was training");
        // As if it had run on another node (whose processes this machine cannot see): only its lease frees the unit.
        Execute(url, "UPDATE fairmtl.claims SET worker = 'another-node:4242:1', expires = extract(epoch from clock_timestamp()) + 4");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var second = await HostProcess.RunAsync(["worker", experiment, "--store", url, "--threads", "2"], server.Environment);

        second.Code.ShouldBe(ExitCodes.Success, second.Error);
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(3.5), "the unit of the lost node waits for its lease");
        int.Parse(WorkerTrained().Match(second.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(8 - (int)storedBefore);
        Count(url, "SELECT count(*) FROM fairmtl.units").ShouldBe(8L);
        Count(url, "SELECT count(*) FROM fairmtl.claims").ShouldBe(0L);
    }

    [Fact]
    public async Task A_server_restarted_during_a_sweep_costs_the_workers_nothing()
    {
        using var folder = new TempDataFolder();
        var experiment = ResumeTests.TwoSeeds(folder, text => text.Replace("epochs: 2", "epochs: 300", StringComparison.Ordinal));
        var url = server.NewDatabase();
        var local = await HostRun.InvokeAsync(experiment, "--no-store", "--out", Path.Combine(folder.Path, "local"));
        local.ExitCode.ShouldBe(ExitCodes.Success, local.Error);
        var working = HostProcess.RunAsync(["worker", experiment, "--store", url, "--threads", "1"], server.Environment);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (Count(url, "SELECT count(*) FROM fairmtl.units") < 2)
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue("two units stored within two minutes");
            await Task.Delay(20);
        }

        server.Restart();
        var worker = await working;

        worker.Code.ShouldBe(ExitCodes.Success, worker.Error);
        WorkerTrained().Match(worker.Output).Groups[1].Value.ShouldBe("8");
        var collected = await HostRun.InvokeAsync("collect", experiment, "--store", server.UrlWithPassword(url), "--out", Path.Combine(folder.Path, "collected"));
        collected.ExitCode.ShouldBe(ExitCodes.Success, collected.Error);
        ResultFolders.ShouldHaveSameTablesAndFigures(Path.Combine(folder.Path, "local"), Path.Combine(folder.Path, "collected"));
    }

    [Fact]
    public async Task A_diverging_unit_is_stored_as_failed_once_and_collect_reports_it_with_exit_code_3()
    {
        using var folder = new TempDataFolder();
        var experiment = ResultFolders.DivergingParkinson(folder);
        var url = server.UrlWithPassword(server.NewDatabase());

        var first = await HostRun.InvokeAsync("worker", experiment, "--store", url);
        var again = await HostRun.InvokeAsync("worker", experiment, "--store", url);
        var status = await HostRun.InvokeAsync("status", experiment, "--store", url);
        var collected = await HostRun.InvokeAsync("collect", experiment, "--store", url, "--out", Path.Combine(folder.Path, "out"));

        first.ExitCode.ShouldBe(ExitCodes.Success, first.Error);
        WorkerTrained().Match(again.Output).Groups[1].Value.ShouldBe("0", "a failed unit is stored, not retried");
        status.Output.ShouldContain("1 failed");
        status.Output.ShouldContain("failed: training diverged");
        collected.ExitCode.ShouldBe(ExitCodes.RunsFailed);
        collected.Error.ShouldContain("failed: training diverged");
        File.ReadAllLines(Path.Combine(folder.Path, "out", "sweep.csv"))[2].ShouldContain(",failed,");
    }

    [Fact]
    public async Task Collect_from_a_partial_store_writes_what_is_there_and_says_what_is_missing()
    {
        using var folder = new TempDataFolder();
        var experiment = ResumeTests.TwoSeeds(folder);
        var url = server.UrlWithPassword(server.NewDatabase());
        (await HostRun.InvokeAsync("worker", experiment, "--store", url)).ExitCode.ShouldBe(ExitCodes.Success);
        var plain = url.Replace($":{server.Password}@", "@", StringComparison.Ordinal);
        Execute(plain, "DELETE FROM fairmtl.units WHERE identity IN (SELECT identity FROM fairmtl.units ORDER BY identity LIMIT 3)");

        var collected = await HostRun.InvokeAsync("collect", experiment, "--store", url, "--out", Path.Combine(folder.Path, "out"));
        var status = await HostRun.InvokeAsync("status", experiment, "--store", url);

        collected.ExitCode.ShouldBe(ExitCodes.RunsFailed, collected.Error);
        collected.Output.ShouldContain("3 of its 8 units are not in it yet");
        collected.Error.ShouldContain("not in the run store: no worker has trained it yet");
        File.Exists(Path.Combine(folder.Path, "out", "sweep.csv")).ShouldBeTrue();
        status.Output.ShouldContain("5 done, 0 failed, 0 running, 0 abandoned (lease lapsed), 3 pending");
        status.Output.ShouldContain("time left: about");
        (collected.Output + collected.Error + status.Output).ShouldNotContain(server.Password);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Short_units_are_claimed_ahead_in_batches_with_the_same_tables(string kind)
    {
        using var folder = new TempDataFolder();
        var experiment = HostRun.SmallExperiment(folder, "parkinson", text => text
            .Replace("alpha: [0.0, 2.5, 4.9]", "alpha: { from: 0.0, to: 4.9, count: 200 }", StringComparison.Ordinal)
            .Replace("epochs: 2", "epochs: 1", StringComparison.Ordinal));
        var store = kind == "sqlite" ? Path.Combine(folder.Path, "runs.db") : server.UrlWithPassword(server.NewDatabase());
        var local = await HostRun.InvokeAsync(experiment, "--no-store", "--out", Path.Combine(folder.Path, "local"));
        local.ExitCode.ShouldBe(ExitCodes.Success, local.Error);

        var worker = await HostRun.InvokeAsync("worker", experiment, "--store", store, "--threads", "2");

        worker.ExitCode.ShouldBe(ExitCodes.Success, worker.Error);
        WorkerTrained().Match(worker.Output).Groups[1].Value.ShouldBe("201");
        var claims = int.Parse(Regex.Match(worker.Output, @"\((\d+) claims,").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        claims.ShouldBeLessThan(60, "201 units of a few milliseconds each take far fewer claim transactions than units");
        var collected = await HostRun.InvokeAsync("collect", experiment, "--store", store, "--out", Path.Combine(folder.Path, "collected"));
        collected.ExitCode.ShouldBe(ExitCodes.Success, collected.Error);
        foreach (var table in new[] { "baseline.csv", "sweep.csv", "pareto.csv" })
        {
            File.ReadAllBytes(Path.Combine(folder.Path, "collected", table)).ShouldBe(File.ReadAllBytes(Path.Combine(folder.Path, "local", table)), table);
        }
    }

    private long Count(string url, string sql)
    {
        using var connection = new NpgsqlConnection(server.Connection(url[(url.LastIndexOf('/') + 1)..]));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        try
        {
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException exception) when (exception.SqlState == "42P01")
        {
            return 0; // the worker has not created the schema yet
        }
    }

    private void Execute(string url, string sql)
    {
        using var connection = new NpgsqlConnection(server.Connection(url[(url.LastIndexOf('/') + 1)..]));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    [GeneratedRegex(@"trained (\d+) of (\d+) units")]
    private static partial Regex WorkerTrained();
}
