using FairMtl.Host.Cli;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>Runs the host's command line in-process and captures what it prints.</summary>
internal sealed record HostRun(int ExitCode, string Output, string Error)
{
    public static async Task<HostRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var store = PrivateStore.For(args);
        var code = await FairMtlCommandLine.InvokeAsync(store.Arguments, output, error, []);
        return new HostRun(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// A copy of <c>experiments/&lt;name&gt;.yaml</c> in <paramref name="folder"/> whose data path points at the
    /// repository's data file, reduced to a few points and epochs, with <paramref name="edit"/> applied to the text.
    /// </summary>
    public static string SmallExperiment(TempDataFolder folder, string name, Func<string, string>? edit = null)
    {
        var text = File.ReadAllText(Path.Combine(TestExperiments.ExperimentsDirectory, name + ".yaml"));
        text = text.Replace("file: data/", "file: " + TestExperiments.ExperimentsDirectory.Replace('\\', '/') + "/data/")
            .Replace("alpha: { from: 0.0, to: 4.9, count: 50 }", "alpha: [0.0, 2.5, 4.9]")
            .Replace("epochs: 250", "epochs: 4")
            .Replace("epochs: 150", "epochs: 3")
            .Replace("epochs: 50", "epochs: 2");
        text = edit?.Invoke(text) ?? text;
        return folder.Write(name + ".yaml", text);
    }

    /// <summary>Runs <see cref="SmallExperiment"/> of <paramref name="name"/> into <c>out</c> in <paramref name="folder"/>
    /// (asserting that it succeeds) and returns that results folder.</summary>
    public static async Task<string> RunSmallExperiment(TempDataFolder folder, string name)
    {
        var output = Path.Combine(folder.Path, "out");
        var run = await InvokeAsync(SmallExperiment(folder, name), "--out", output);
        run.ExitCode.ShouldBe(FairMtl.Host.Running.ExitCodes.Success, run.Error);
        return output;
    }
}
