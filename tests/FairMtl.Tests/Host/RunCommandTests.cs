using System.Security.Cryptography;
using System.Text.Json;
using FairMtl.Host.Cli;
using FairMtl.Host.Running;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>End-to-end runs of both paper experiments, reduced to a few points and epochs, through the host.</summary>
public class RunCommandTests
{
    [Theory]
    [InlineData("parkinson", 4700, 0, 1175, "z_accuracy")]
    [InlineData("boston", 323, 81, 102, "z_r2")]
    public async Task A_small_run_prints_the_tables_and_writes_the_result_files(string name, int train, int validation, int test, string auxiliary)
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, name);
        var outDirectory = Path.Combine(folder.Path, "out");
        var run = await HostRun.InvokeAsync(path, "--out", outDirectory, "--threads", "2");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Error);
        run.Output.ShouldContain("### Baseline: single-task model on head(s) y");
        run.Output.ShouldContain("### Sweep: loss = alpha * y + (5 - alpha) * z");
        run.Output.ShouldContain("### Pareto front: minimising");
        run.Output.ShouldContain($"split (seed 42): {train} train, {validation} validation, {test} test");
        Directory.GetFiles(outDirectory).Select(Path.GetFileName).Order()
            .ShouldBe(["baseline.csv", "pareto.csv", "report.html", "seeds.csv", "summary.json", "sweep.csv"]);
        Directory.GetFiles(Path.Combine(outDirectory, "figures")).Select(Path.GetFileName).Order()
            .ShouldBe(name == "boston" ? ["error-mae.svg", "error-mse.svg", "pareto.svg"] : ["error-mae.svg", "error-rmse.svg", "pareto.svg"]);
        run.Output.ShouldContain("summary.json, report.html and 3 figures (figures/*.svg)");

        var sweep = File.ReadAllLines(Path.Combine(outDirectory, "sweep.csv"));
        sweep.Length.ShouldBe(4);
        sweep[0].ShouldStartWith("point,alpha,seed,block,epochs,steps,status,mse,rmse,mae,");
        sweep[0].ShouldContain(auxiliary);
        sweep.Skip(1).ShouldAllBe(line => line.Contains(",ok,"));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "summary.json")));
        var root = summary.RootElement;
        root.GetProperty("experiment").GetString().ShouldBe(name);
        var dataFile = Directory.GetFiles(Path.Combine(TestExperiments.ExperimentsDirectory, "data", name == "boston" ? "boston" : "parkinsons-telemonitoring"), "*.data").Single();
        root.GetProperty("data").GetProperty("sha256").GetString()
            .ShouldBe(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dataFile))));
        root.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()).ShouldBe([42]);
        root.GetProperty("spec").GetProperty("loss").GetString().ShouldBe("alpha * y + (5 - alpha) * z");
        root.GetProperty("spec").GetProperty("model").GetProperty("init").GetString().ShouldBe("glorot-uniform");
        root.GetProperty("spec").GetProperty("training").GetProperty("batch_size").GetInt32().ShouldBe(32);
        root.GetProperty("spec").GetProperty("data").GetProperty("split").GetProperty("seed").GetInt32().ShouldBe(42);
        root.GetProperty("versions").GetProperty("fairmtl").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Thread_count_does_not_change_a_single_byte_of_the_tables()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "boston");
        var one = Path.Combine(folder.Path, "one");
        var two = Path.Combine(folder.Path, "two");
        (await HostRun.InvokeAsync(path, "--out", one, "--threads", "1")).ExitCode.ShouldBe(0);
        (await HostRun.InvokeAsync(path, "--out", two, "--threads", "2")).ExitCode.ShouldBe(0);
        foreach (var file in new[] { "baseline.csv", "sweep.csv", "pareto.csv" })
        {
            File.ReadAllBytes(Path.Combine(two, file)).ShouldBe(File.ReadAllBytes(Path.Combine(one, file)), file);
        }
    }

    [Fact]
    public async Task Ten_seeds_with_their_own_splits_run_in_parallel_to_the_same_bytes_and_state_a_verdict()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson-10seeds", text => text.Replace("seeds: [42, 43, 44, 45, 46, 47, 48, 49, 50, 51]", "seeds: [42, 43, 44, 45, 46]\n  split: per-seed"));
        var one = Path.Combine(folder.Path, "one");
        var two = Path.Combine(folder.Path, "two");
        var first = await HostRun.InvokeAsync(path, "--out", one, "--threads", "1");
        first.ExitCode.ShouldBe(0, first.Error);
        (await HostRun.InvokeAsync(path, "--out", two, "--threads", "2")).ExitCode.ShouldBe(0);
        foreach (var file in new[] { "baseline.csv", "sweep.csv", "pareto.csv", "seeds.csv" })
        {
            File.ReadAllBytes(Path.Combine(two, file)).ShouldBe(File.ReadAllBytes(Path.Combine(one, file)), file);
        }

        first.Output.ShouldContain("### Over the seeds (mean ± sd; vs baseline at the 0.05 level)");
        first.Output.ShouldContain("(exact two-sided Wilcoxon signed-rank test over 5 paired seeds), the sweep beats the baseline on");
        File.ReadAllLines(Path.Combine(one, "seeds.csv")).Length.ShouldBe(1 + 1 + 3);
    }

    [Fact]
    public async Task The_seed_option_replaces_the_seed_list()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson", text => text.Replace("alpha: [0.0, 2.5, 4.9]", "alpha: [1.0]"));
        var outDirectory = Path.Combine(folder.Path, "out");
        var run = await HostRun.InvokeAsync(path, "--out", outDirectory, "--seed", "7");
        run.ExitCode.ShouldBe(0, run.Error);
        File.ReadAllLines(Path.Combine(outDirectory, "baseline.csv"))[1].ShouldStartWith("7,");
    }

    [Fact]
    public async Task An_experiment_trained_with_adagrad_runs_and_its_optimizer_changes_the_numbers()
    {
        using var folder = new TempDataFolder();
        using var adamFolder = new TempDataFolder(folder.Path);
        var adam = HostRun.SmallExperiment(adamFolder, "parkinson");
        var adagrad = HostRun.SmallExperiment(folder, "parkinson", text => text.Replace(
            "optimizer: { name: adam, lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1.0e-7 }", "optimizer: { name: adagrad, lr: 0.05 }", StringComparison.Ordinal));
        File.ReadAllText(adagrad).ShouldContain("name: adagrad");

        var first = await HostRun.InvokeAsync(adagrad, "--no-store", "--out", Path.Combine(folder.Path, "adagrad"));
        var second = await HostRun.InvokeAsync(adam, "--no-store", "--out", Path.Combine(folder.Path, "adam"));

        first.ExitCode.ShouldBe(ExitCodes.Success, first.Error);
        second.ExitCode.ShouldBe(ExitCodes.Success, second.Error);
        var sweep = File.ReadAllLines(Path.Combine(folder.Path, "adagrad", "sweep.csv"));
        sweep.Skip(1).ShouldAllBe(line => line.Contains(",ok,"));
        sweep.ShouldNotBe(File.ReadAllLines(Path.Combine(folder.Path, "adam", "sweep.csv")));
        File.ReadAllText(Path.Combine(folder.Path, "adagrad", "summary.json")).ShouldContain("\"initial_accumulator\": 0.1");
    }

    [Fact]
    public async Task Diverging_runs_are_marked_failed_and_the_rest_is_written()
    {
        using var folder = new TempDataFolder();
        var path = ResultFolders.DivergingParkinson(folder);
        var outDirectory = Path.Combine(folder.Path, "out");
        var run = await HostRun.InvokeAsync(path, "--out", outDirectory);

        run.ExitCode.ShouldBe(ExitCodes.RunsFailed, run.Error);
        run.Error.ShouldContain("warning: point 1 (alpha=1000000000000), seed 42 failed: training diverged");
        var sweep = File.ReadAllLines(Path.Combine(outDirectory, "sweep.csv"));
        sweep[1].ShouldContain(",ok,");
        sweep[2].ShouldContain(",failed,");
        File.ReadAllText(Path.Combine(outDirectory, "summary.json")).ShouldContain("\"failed\": 1");
    }

    [Theory]
    [InlineData(new[] { "experiments/parkinson.yaml" }, new[] { "run", "experiments/parkinson.yaml" })]
    [InlineData(new[] { "run", "x.yaml" }, new[] { "run", "x.yaml" })]
    [InlineData(new[] { "--help" }, new[] { "--help" })]
    public void A_bare_experiment_path_means_run(string[] args, string[] expected) =>
        FairMtlCommandLine.WithDefaultCommand(args).ShouldBe(expected);
}
