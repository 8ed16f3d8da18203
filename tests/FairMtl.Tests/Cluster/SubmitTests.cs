using FairMtl.Host.Running;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;
using FairMtl.Tests.Store;

namespace FairMtl.Tests.Cluster;

/// <summary><c>submit</c> and <c>collect</c> without a cluster: the scripts it writes, and the stores it refuses.</summary>
public sealed class SubmitTests
{
    [Fact]
    public async Task A_dry_run_writes_readable_scripts_that_hold_no_password()
    {
        using var folder = new TempDataFolder();
        var experiment = ResumeTests.TwoSeeds(folder);
        var results = Path.Combine(folder.Path, "results");

        var submit = await HostRun.InvokeAsync(
            "submit", experiment, "--slurm", "--array", "3", "--partition", "gpu", "--time", "1:00:00", "--cpus-per-task", "2",
            "--store", "postgres://ana@db.example.org:5433/lab", "--out", results, "--dry-run");

        submit.ExitCode.ShouldBe(ExitCodes.Success, submit.Error);
        submit.Output.ShouldContain("Dry run: nothing submitted.");
        var worker = File.ReadAllText(Path.Combine(results, "slurm", "worker.sbatch"));
        worker.ShouldStartWith("#!/bin/bash\n");
        worker.ShouldContain("#SBATCH --array=0-2\n");
        worker.ShouldContain("#SBATCH --partition=gpu\n#SBATCH --time=1:00:00\n");
        worker.ShouldContain("#SBATCH --cpus-per-task=2\n");
        worker.ShouldContain($" worker {experiment} --store postgres://ana@db.example.org:5433/lab --threads \"${{SLURM_CPUS_PER_TASK:-2}}\"\n");
        var collect = File.ReadAllText(Path.Combine(results, "slurm", "collect.sbatch"));
        collect.ShouldContain($" collect {experiment} --store postgres://ana@db.example.org:5433/lab --out {results}\n");
        collect.ShouldNotContain("--array");
    }

    [Fact]
    public async Task Scripts_that_cannot_be_written_are_a_located_user_error()
    {
        using var folder = new TempDataFolder();
        var blocked = Path.Combine(folder.Path, "blocked");
        File.WriteAllText(blocked, "a file where the results folder should go");

        var submit = await HostRun.InvokeAsync(
            "submit", ResumeTests.TwoSeeds(folder), "--slurm", "--store", "postgres://ana@db.example.org:5433/lab", "--out", blocked, "--dry-run");

        submit.ExitCode.ShouldBe(ExitCodes.UserError);
        submit.Error.ShouldBe($"{Path.Combine(blocked, "slurm")}: error FMTL019: the results folder cannot be written: '{blocked}' is a file (expected a folder there, or nothing)\n");
    }

    [Theory]
    [InlineData("postgres://ana:hunter2@db.example.org/lab", "the password would be written into the sbatch scripts")]
    [InlineData("runs.db", "submit needs a run store that every node reaches: --store postgres://")]
    public async Task A_store_that_cannot_serve_a_cluster_is_refused_before_anything_is_written(string store, string message)
    {
        using var folder = new TempDataFolder();
        var results = Path.Combine(folder.Path, "results");

        var submit = await HostRun.InvokeAsync("submit", ResumeTests.TwoSeeds(folder), "--slurm", "--store", store, "--out", results);

        submit.ExitCode.ShouldBe(ExitCodes.UserError);
        submit.Error.ShouldContain(message);
        submit.Error.ShouldNotContain("hunter2");
        Directory.Exists(results).ShouldBeFalse();
    }

    [Fact]
    public async Task Collect_from_a_store_that_does_not_exist_says_so_and_creates_nothing()
    {
        using var folder = new TempDataFolder();
        var store = Path.Combine(folder.Path, "missing.db");

        var collect = await HostRun.InvokeAsync("collect", ResumeTests.TwoSeeds(folder), "--store", store, "--out", Path.Combine(folder.Path, "out"));

        collect.ExitCode.ShouldBe(ExitCodes.UserError);
        collect.Error.ShouldContain($"collect: no run store at {store.Replace('\\', '/')} (a run or a worker creates it");
        File.Exists(store).ShouldBeFalse();
        Directory.Exists(Path.Combine(folder.Path, "out")).ShouldBeFalse();
    }
}
