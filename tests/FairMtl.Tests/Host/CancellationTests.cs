using System.Diagnostics;
using FairMtl.Host.Running;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>Ctrl+C (SIGINT) stops a run through the host's lifetime and leaves no result files.</summary>
public class CancellationTests
{
    [Fact]
    public async Task Sigint_cancels_the_run_with_exit_code_130_and_writes_nothing()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson", text => text.Replace("epochs: 2", "epochs: 100000"));
        var outDirectory = Path.Combine(folder.Path, "out");
        using var process = HostProcess.Start([path, "--out", outDirectory, "--store", Path.Combine(folder.Path, "runs.db")]);
        var error = process.StandardError.ReadToEndAsync();
        var output = await ReadUntilAsync(process.StandardOutput, "loss: ");
        output.ShouldContain("loss: ", Case.Sensitive, "the host should have started training");
        // Keep draining standard output: a full pipe would block the host's progress writes and with them its exit.
        var rest = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(300);

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await HostProcess.WaitForExitAsync(process, TimeSpan.FromSeconds(60), "within 60 s of SIGINT");
        await rest;
        process.ExitCode.ShouldBe(ExitCodes.Cancelled);
        (await error).ShouldContain("Cancelled: no result files were written. The models finished so far are kept in the run store ");
        Directory.Exists(outDirectory).ShouldBeFalse();
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string marker)
    {
        var text = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            text.AppendLine(line);
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                break;
            }
        }

        return text.ToString();
    }
}
