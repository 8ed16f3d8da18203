using System.Text.Json;
using FairMtl.Host.Running;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;
using FairMtl.Tests.Store;

namespace FairMtl.Tests.FairMt;

/// <summary>A FairMT experiment through the host: its result folder, the <c>report</c> command and the run store.</summary>
public class FairMtHostTests
{
    /// <summary>The tables a rerun must reproduce byte for byte (y, b and c are the synthetic experiment's tasks).</summary>
    private static readonly string[] Tables = ["methods.csv", "runs.csv", "task-y.csv", "task-b.csv", "task-c.csv"];

    /// <summary>The synthetic experiment (3 models) as a file in <paramref name="folder"/>, next to its data.</summary>
    private static string Experiment(TempDataFolder folder)
    {
        folder.Write("data.csv", FairMtSynthetic.Csv(300, 1));
        return folder.Write("fmt-synthetic.yaml", FairMtSynthetic.Yaml);
    }

    [Fact]
    public async Task A_rerun_with_a_store_trains_nothing_and_writes_byte_identical_tables()
    {
        using var folder = new TempDataFolder();
        var experiment = Experiment(folder);
        var store = Path.Combine(folder.Path, "runs.db");
        var first = Path.Combine(folder.Path, "first");
        var second = Path.Combine(folder.Path, "second");

        var run = await HostRun.InvokeAsync(experiment, "--store", store, "--out", first);
        var rerun = await HostRun.InvokeAsync(experiment, "--store", store, "--out", second);

        ResumeTests.Trained(run).ShouldBe((3, 3));
        ResumeTests.Trained(rerun).ShouldBe((0, 3), "every unit is read back from the store");
        rerun.Output.ShouldContain("the other 3 were already in the run store");
        StoreFile.Scalar(store, "SELECT count(*) FROM units").ShouldBe(3L);
        foreach (var table in Tables)
        {
            File.ReadAllBytes(Path.Combine(second, table)).ShouldBe(File.ReadAllBytes(Path.Combine(first, table)), table);
        }
    }

    [Fact]
    public async Task The_result_folder_holds_every_table_and_figure_and_the_report_command_rebuilds_the_report()
    {
        using var folder = new TempDataFolder();
        var output = Path.Combine(folder.Path, "out");

        var run = await HostRun.InvokeAsync(Experiment(folder), "--out", output);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Error);
        foreach (var file in Tables.Concat(["summary.json", "report.html", "figures/constraint-error.svg", "figures/levelling-y-g.svg", "figures/levelling-b-g.svg", "figures/levelling-c-g.svg"]))
        {
            File.Exists(Path.Combine(output, file)).ShouldBeTrue(file);
        }

        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))))
        {
            summary.RootElement.GetProperty("kind").GetString().ShouldBe("fairmt");
        }

        File.ReadAllLines(Path.Combine(output, "runs.csv")).Length.ShouldBe(4, "a header and one line per model");
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        html.ShouldContain("constraint-error.svg");
        html.ShouldContain("levelling-b-g.svg");

        var written = new[] { "report.html" }.Concat(Directory.GetFiles(Path.Combine(output, "figures")).Select(f => Path.Combine("figures", Path.GetFileName(f))))
            .ToDictionary(file => file, file => File.ReadAllBytes(Path.Combine(output, file)));
        foreach (var file in written.Keys)
        {
            File.Delete(Path.Combine(output, file));
        }

        var report = await HostRun.InvokeAsync("report", output);

        report.ExitCode.ShouldBe(ExitCodes.Success, report.Error);
        report.Output.ShouldStartWith("Wrote ");
        report.Output.ShouldContain("figures/constraint-error.svg");
        report.Output.ShouldContain("figures/levelling-c-g.svg");
        report.Output.ShouldEndWith($"report.html to {output}\n");
        foreach (var (file, bytes) in written)
        {
            File.ReadAllBytes(Path.Combine(output, file)).ShouldBe(bytes, file);
        }
    }
}
