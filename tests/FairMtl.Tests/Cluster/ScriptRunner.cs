using System.Diagnostics;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Cluster;

/// <summary>Runs one of the repository's scripts (<c>scripts/*.sh</c>) with bash and returns what it printed.</summary>
internal static class ScriptRunner
{
    /// <summary>Runs <c>bash scripts/<paramref name="script"/></c>; a non-zero exit fails with its output.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(TestExperiments.RepositoryRoot, "scripts", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} did not end within three minutes");
        }

        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}{error.Result}");
    }

    /// <summary>The value of <c>export NAME=value</c> in a script's output.</summary>
    public static string Export(string output, string name) =>
        output.Split('\n').Select(line => line.Trim()).First(line => line.StartsWith($"export {name}=", StringComparison.Ordinal))[($"export {name}=").Length..].Trim('\'', '"');
}
