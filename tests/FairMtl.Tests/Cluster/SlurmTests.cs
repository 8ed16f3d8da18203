using System.Text.RegularExpressions;
using FairMtl.Host.Running;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;
using FairMtl.Tests.Store;

namespace FairMtl.Tests.Cluster;

/// <summary>
/// <c>submit --slurm</c> on a real single-node Slurm: a job array of workers over a PostgreSQL store and a collect job
/// after it give the tables of a local run, also when one array task is cancelled while it trains.
/// </summary>
[Collection(SlurmCollection.Name)]
public sealed partial class SlurmTests(SlurmCluster cluster)
{
    [Fact]
    public async Task A_four_task_array_and_its_collect_job_write_the_tables_of_a_local_run()
    {
        using var folder = new TempDataFolder();
        var experiment = ResumeTests.TwoSeeds(folder);
        var url = cluster.Postgres.NewDatabase();
        var local = await HostRun.InvokeAsync(experiment, "--no-store", "--out", Path.Combine(folder.Path, "local"));
        local.ExitCode.ShouldBe(ExitCodes.Success, local.Error);
        var results = Path.Combine(folder.Path, "cluster");

        var submit = await HostProcess.RunAsync(["submit", experiment, "--slurm", "--array", "4", "--store", url, "--out", results], cluster.Environment);

        submit.Code.ShouldBe(ExitCodes.Success, submit.Error);
        var ids = Submitted().Match(submit.Output);
        ids.Success.ShouldBeTrue(submit.Output);
        await cluster.WaitForJobsAsync(TimeSpan.FromMinutes(4), ids.Groups[1].Value, ids.Groups[2].Value);
        var collectLog = File.ReadAllText(Path.Combine(results, "slurm", $"collect-{ids.Groups[2].Value}.out"));
        collectLog.ShouldContain($"Collected all 8 models from the run store {url}");
        ResultFolders.ShouldHaveSameTablesAndFigures(Path.Combine(folder.Path, "local"), results);

        var workerLogs = Directory.GetFiles(Path.Combine(results, "slurm"), "worker-*.out").Select(File.ReadAllText).ToArray();
        workerLogs.Length.ShouldBe(4);
        workerLogs.Sum(log => int.Parse(WorkerTrained().Match(log).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(8, "each unit trained once in all");
        foreach (var script in Directory.GetFiles(Path.Combine(results, "slurm"), "*.sbatch"))
        {
            File.ReadAllText(script).ShouldNotContain(cluster.Postgres.Password);
        }
    }

    [Fact]
    public async Task Cancelling_one_array_task_while_it_trains_leaves_the_others_to_finish_every_unit()
    {
        using var folder = new TempDataFolder();
        var experiment = ResumeTests.TwoSeeds(folder, text => text.Replace("epochs: 2", "epochs: 300", StringComparison.Ordinal));
        var url = cluster.Postgres.NewDatabase();
        var results = Path.Combine(folder.Path, "cluster");
        var submit = await HostProcess.RunAsync(["submit", experiment, "--slurm", "--array", "2", "--store", url, "--out", results], cluster.Environment);
        submit.Code.ShouldBe(ExitCodes.Success, submit.Error);
        var ids = Submitted().Match(submit.Output);
        var array = ids.Groups[1].Value;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!cluster.Client("squeue", "-h", "-j", array, "-t", "RUNNING", "-o", "%i").Contains($"{array}_1", StringComparison.Ordinal))
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue("task 1 runs within two minutes");
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // into its first units
        cluster.Client("scancel", $"{array}_1");
        await cluster.WaitForJobsAsync(TimeSpan.FromMinutes(4), array, ids.Groups[2].Value);

        File.ReadAllText(Path.Combine(results, "slurm", $"collect-{ids.Groups[2].Value}.out")).ShouldContain("Collected all 8 models");
        File.Exists(Path.Combine(results, "sweep.csv")).ShouldBeTrue();
    }

    [GeneratedRegex(@"Submitted worker array (\d+) \(\d+ tasks\) and collect job (\d+)")]
    private static partial Regex Submitted();

    [GeneratedRegex(@"trained (\d+) of (\d+) units")]
    private static partial Regex WorkerTrained();
}
