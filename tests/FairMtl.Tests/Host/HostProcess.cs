using System.Diagnostics;

namespace FairMtl.Tests.Host;

/// <summary>The host as its own <c>dotnet FairMtl.Host.dll</c> process (the build next to the tests), for what only a
/// whole process shows: signals, the runtime's instruction-set switches, the JIT profile.</summary>
internal static class HostProcess
{
    /// <summary>The host program the tests start.</summary>
    public static string Program => Path.Combine(AppContext.BaseDirectory, "FairMtl.Host.dll");

    /// <summary>Starts the host with its output streams redirected; <paramref name="environment"/> edits its environment;
    /// <paramref name="workingDirectory"/> is its current folder (default: the tests').</summary>
    public static Process Start(IEnumerable<string> arguments, Action<IDictionary<string, string?>>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        start.ArgumentList.Add(Program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        environment?.Invoke(start.Environment);
        return Process.Start(start)!;
    }

    /// <summary>Waits for <paramref name="process"/> to exit; past <paramref name="limit"/> kills it and fails the test.</summary>
    public static async Task WaitForExitAsync(Process process, TimeSpan limit, string what)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"the host did not exit {what}");
        }
    }

    /// <summary>Runs the host to its end (at most three minutes) and returns its exit code and what it printed.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(
        IEnumerable<string> arguments, Action<IDictionary<string, string?>>? environment = null)
    {
        using var store = PrivateStore.For(arguments.ToArray());
        using var process = Start(store.Arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await WaitForExitAsync(process, TimeSpan.FromMinutes(3), "within three minutes");
        return (process.ExitCode, await output, await error);
    }
}
