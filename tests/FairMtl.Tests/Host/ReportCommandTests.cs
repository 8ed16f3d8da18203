using FairMtl.Host.Running;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>The <c>report</c> command: rebuilds a run's report from its stored files, without training.</summary>
public class ReportCommandTests
{
    [Fact]
    public async Task The_report_command_rebuilds_the_report_of_a_run_byte_for_byte()
    {
        using var folder = new TempDataFolder();
        var output = await HostRun.RunSmallExperiment(folder, "boston");
        var written = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".html", StringComparison.Ordinal) || file.EndsWith(".svg", StringComparison.Ordinal))
            .ToDictionary(file => file, File.ReadAllBytes);
        written.Count.ShouldBe(4);
        foreach (var file in written.Keys)
        {
            File.Delete(file);
        }

        var report = await HostRun.InvokeAsync("report", output);

        report.ExitCode.ShouldBe(ExitCodes.Success, report.Error);
        report.Output.ShouldBe($"Wrote figures/error-mae.svg, figures/error-mse.svg, figures/pareto.svg, report.html to {output}\n");
        foreach (var (file, bytes) in written)
        {
            File.ReadAllBytes(file).ShouldBe(bytes, file);
        }
    }

    [Fact]
    public async Task A_folder_without_results_is_a_user_error_that_writes_nothing()
    {
        using var folder = new TempDataFolder();

        var report = await HostRun.InvokeAsync("report", folder.Path);

        report.ExitCode.ShouldBe(ExitCodes.UserError);
        report.Error.ShouldBe($"{Path.Combine(folder.Path, "summary.json")}: error FMTL017: file not found (expected the summary.json a run writes next to its tables)\n");
        Directory.GetFileSystemEntries(folder.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_is_a_located_user_error_and_the_tables_stay()
    {
        using var folder = new TempDataFolder();
        var output = await HostRun.RunSmallExperiment(folder, "boston");
        var sweep = File.ReadAllBytes(Path.Combine(output, "sweep.csv"));
        var report = Path.Combine(output, "report.html");
        File.Delete(report);
        Directory.CreateDirectory(report); // a folder where the report is to be written

        var refused = await HostRun.InvokeAsync("report", output);

        refused.ExitCode.ShouldBe(ExitCodes.UserError);
        refused.Error.ShouldStartWith($"{output}: error FMTL019: the results folder cannot be written: ");
        refused.Error.ShouldContain(report);
        refused.Error.ShouldNotContain("   at ");
        File.ReadAllBytes(Path.Combine(output, "sweep.csv")).ShouldBe(sweep);
    }
}
