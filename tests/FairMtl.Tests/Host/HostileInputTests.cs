using FairMtl.Host.Running;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>
/// Hostile experiment files cost the host process little: refused with a located error and exit code 2, nothing
/// written, within a managed heap capped at 300 MB (a run past the cap would die with an out-of-memory error instead).
/// </summary>
public class HostileInputTests
{
    /// <summary>The "billion laughs" shape: each of 9 anchors is a list of 9 aliases of the previous one (9^9 nodes).</summary>
    private const string BillionLaughs = """
        name: laughs
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """;

    public static TheoryData<string, string, string> Files => new()
    {
        { "laughs.yaml", BillionLaughs, "(6,8): error FMTL018: aliases expand to more than 10000 YAML nodes" },
        { "tag.yaml", "name: t\ndescription: !!python/object/apply:os.system [\"touch owned\"]\n", "(2,14): error FMTL001: YAML tags are not supported, found '!!python/object/apply:os.system'" },
        { "self.yaml", "name: t\nloop: &loop { again: *loop }\n", "(2,22): error FMTL018: alias '*loop' refers to the node '&loop' that contains it" },
        { "deep.yaml", "name: t\ndescription: " + new string('[', 1_000_000) + "\n", "(2,77): error FMTL018: YAML nested more than 64 levels deep" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_hostile_file_is_refused_by_a_host_process_with_a_capped_heap(string name, string text, string expected)
    {
        using var folder = new TempDataFolder();
        var path = folder.Write(name, text);
        var outDirectory = Path.Combine(folder.Path, "out");

        var (code, _, error) = await HostProcess.RunAsync(
            [path, "--out", outDirectory],
            environment => environment["DOTNET_GCHeapHardLimit"] = "0x12C00000"); // 300 MB

        code.ShouldBe(ExitCodes.UserError, error);
        error.ShouldStartWith(path.Replace('\\', '/') + expected, Case.Sensitive);
        error.ShouldNotContain("   at ", Case.Sensitive, "no stack trace for a user mistake");
        Directory.Exists(outDirectory).ShouldBeFalse();
        File.Exists(Path.Combine(folder.Path, "owned")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_run_over_the_model_limit_is_refused_with_its_count_and_the_option_raises_the_limit()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson");
        var outDirectory = Path.Combine(folder.Path, "out");

        var refused = await HostRun.InvokeAsync(path, "--out", outDirectory, "--max-models", "3");

        refused.ExitCode.ShouldBe(ExitCodes.UserError);
        refused.Error.ShouldStartWith(path.Replace('\\', '/') + "(38,3): error FMTL018: this experiment would train 4 models "
            + "(3 sweep points x 1 seed + 1 baseline), more than the limit of 3; shrink the sweep, or raise the limit with --max-models if you mean it");
        Directory.Exists(outDirectory).ShouldBeFalse();

        var allowed = await HostRun.InvokeAsync(path, "--out", outDirectory, "--max-models", "4");

        allowed.ExitCode.ShouldBe(ExitCodes.Success, allowed.Error);
        allowed.Output.ShouldContain("Trained 4 models");
    }

    [Fact]
    public async Task A_comparison_over_the_model_limit_is_refused_before_its_data_is_read()
    {
        using var folder = new TempDataFolder();
        var text = File.ReadAllText(Path.Combine(TestExperiments.ExperimentsDirectory, "adult-mtaf.yaml"))
            .Replace("file: data/", "file: missing/", StringComparison.Ordinal);
        text = System.Text.RegularExpressions.Regex.Replace(text, @"runs: \d+", "runs: 100000");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"kind: random", "kind: grid");
        var path = folder.Write("grid.yaml", text);

        var run = await HostRun.InvokeAsync(path, "--out", Path.Combine(folder.Path, "out"));

        run.ExitCode.ShouldBe(ExitCodes.UserError);
        run.Error.ShouldContain("error FMTL018: this experiment would train", Case.Sensitive);
        run.Error.ShouldContain("100000^3 grid settings", Case.Sensitive);
    }

    [Fact]
    public async Task The_model_limit_must_be_positive()
    {
        var run = await HostRun.InvokeAsync("experiments/parkinson.yaml", "--max-models", "0");

        run.ExitCode.ShouldBe(ExitCodes.UserError);
        run.Error.ShouldContain("--max-models must be at least 1, got 0");
    }

    [Theory]
    [InlineData("summary.json")]
    [InlineData("sweep.csv")]
    public async Task A_results_folder_whose_file_never_ends_is_refused_without_reading_it_all(string file)
    {
        using var folder = FairMtl.Tests.Reports.ReportFixtures.Copy("sweep");
        var endless = Path.Combine(folder.Path, file);
        File.Delete(endless);
        File.CreateSymbolicLink(endless, "/dev/zero");

        var report = await HostRun.InvokeAsync("report", folder.Path);

        report.ExitCode.ShouldBe(ExitCodes.UserError);
        report.Error.ShouldBe($"{endless}: error FMTL018: the file is larger than {FairMtl.Spec.InputLimits.ResultFileBytes >> 20} MiB (expected a result file written by a run)\n");
        File.Exists(Path.Combine(folder.Path, "report.html")).ShouldBeFalse();
    }
}
