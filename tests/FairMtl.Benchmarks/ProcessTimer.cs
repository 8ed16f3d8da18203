using System.Diagnostics;

namespace FairMtl.Benchmarks;

/// <summary>Runs a command to completion and measures its wall-clock time.</summary>
internal static class ProcessTimer
{
    /// <summary>Runs <paramref name="command"/> in <paramref name="workingDirectory"/> with <paramref name="environment"/>
    /// added to this process's environment: its wall-clock seconds, exit code, and standard output followed by standard
    /// error.</summary>
    public static (double Seconds, int ExitCode, string Output) Run(
        string command, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return (seconds, process.ExitCode, output.Result + error.Result);
    }
}
