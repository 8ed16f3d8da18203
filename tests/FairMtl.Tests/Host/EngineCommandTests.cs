using FairMtl.Compiled;
using FairMtl.Host.Cli;
using FairMtl.Host.Running;
using FairMtl.Host.Store;
using FairMtl.Spec;
using FairMtl.Tests.Data;
using FairMtl.Training;

namespace FairMtl.Tests.Host;

/// <summary>
/// An experiment that declares an engine this program does not include (<c>training.engine: torch</c> in the default
/// host) is refused, whatever its kind, before anything is loaded, trained or written: one message that says how to run
/// it, exit code 2, no stack trace.
/// </summary>
public class EngineCommandTests
{
    private static readonly string Unavailable = TrainingEngines.Unavailability(TrainingEngine.Torch)!;

    public EngineCommandTests() =>
        TrainingEngines.IsAvailable(TrainingEngine.Torch).ShouldBeFalse("the test process does not include the libtorch engine");

    private static string OnTorch(string text)
    {
        var edited = text.Replace("\ntraining:\n", "\ntraining:\n  engine: torch\n", StringComparison.Ordinal);
        edited.ShouldNotBe(text);
        return edited;
    }

    /// <summary>The 1-based line of <c>engine: torch</c> in the file at <paramref name="path"/>.</summary>
    private static int EngineLine(string path) => Array.IndexOf(File.ReadAllLines(path), "  engine: torch") + 1;

    [Theory]
    [InlineData("parkinson")]
    [InlineData("compas-race")]
    [InlineData("adult-mtaf")]
    [InlineData("lsac-fairmt")]
    public async Task A_torch_experiment_of_every_kind_is_refused_at_its_engine_before_anything_is_written(string name)
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, name, OnTorch);
        var outDirectory = Path.Combine(folder.Path, "out");
        var store = Path.Combine(folder.Path, "runs.db");

        var run = await HostRun.InvokeAsync(path, "--out", outDirectory, "--store", store);

        run.ExitCode.ShouldBe(ExitCodes.UserError, run.Error);
        run.Error.Trim().ShouldBe($"{path.Replace('\\', '/')}({EngineLine(path)},11): error FMTL003: {Unavailable}");
        run.Error.ShouldNotContain("   at ", Case.Sensitive, "no stack trace for an engine this program does not include");
        run.Output.ShouldBeEmpty("nothing was loaded or trained");
        Directory.Exists(outDirectory).ShouldBeFalse();
        File.Exists(store).ShouldBeFalse("the run store is opened only after the checks");
    }

    [Fact]
    public async Task A_worker_and_a_submission_refuse_a_torch_experiment_too()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson", OnTorch);
        var store = Path.Combine(folder.Path, "runs.db");
        var results = Path.Combine(folder.Path, "results");

        var worker = await HostRun.InvokeAsync("worker", path, "--store", store);
        var submit = await HostRun.InvokeAsync("submit", path, "--slurm", "--store", "postgres://ana@db.example.org:5433/lab", "--out", results, "--dry-run");

        foreach (var refused in new[] { worker, submit })
        {
            refused.ExitCode.ShouldBe(ExitCodes.UserError, refused.Error);
            refused.Error.ShouldContain($"error FMTL003: {Unavailable}");
            refused.Error.ShouldNotContain("   at ");
        }

        File.Exists(store).ShouldBeFalse();
        Directory.Exists(results).ShouldBeFalse("no sbatch script is written for jobs that would fail");
    }

    [Fact]
    public async Task A_compiled_torch_experiment_is_refused_by_its_name()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "compas-race", OnTorch);
        var compiled = new CompiledComparison("compas-race", path, File.ReadAllText(path));
        var outDirectory = Path.Combine(folder.Path, "out");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await FairMtlCommandLine.InvokeAsync(["run", "compas-race", "--no-store", "--out", outDirectory], output, error, [], [compiled]);

        code.ShouldBe(ExitCodes.UserError, error.ToString());
        error.ToString().Trim().ShouldBe($"error FMTL003: experiment 'compas-race': {Unavailable}");
        Directory.Exists(outDirectory).ShouldBeFalse();
    }

    [Fact]
    public async Task Collect_is_refused_too_because_the_stored_units_identities_name_the_engines_build()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson", OnTorch);
        var store = Path.Combine(folder.Path, "runs.db");
        SqliteRunStore.Open(store).Dispose();
        var output = Path.Combine(folder.Path, "out");

        var collect = await HostRun.InvokeAsync("collect", path, "--store", store, "--out", output);

        collect.ExitCode.ShouldBe(ExitCodes.UserError, collect.Error);
        collect.Error.ShouldContain("error FMTL003: training.engine: torch needs the libtorch engine");
        collect.Error.ShouldNotContain("   at ");
        Directory.Exists(output).ShouldBeFalse();
    }
}
