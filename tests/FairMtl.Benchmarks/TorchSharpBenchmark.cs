using System.Globalization;

namespace FairMtl.Benchmarks;

/// <summary>
/// The libtorch engine's steps (tests/FairMtl.Torch.Benchmarks) as a subprocess: built in Release (its first build
/// restores TorchSharp and libtorch, about 600 MB, once; this project never references it, so that FairMtl.sln and this
/// benchmark's own build never restore libtorch), then run with <c>dotnet</c> on the built program, alone on the
/// machine, after the native measurements.
/// </summary>
internal static class TorchSharpBenchmark
{
    private static string Project => Path.Combine(RepositoryPaths.Root, "tests", "FairMtl.Torch.Benchmarks");

    /// <summary>The built program: the project's Release output for the framework this benchmark runs on.</summary>
    private static string Program => Path.Combine(
        Project, "bin", "Release", new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name, "FairMtl.Torch.Benchmarks.dll");

    /// <summary>
    /// Builds the project and measures <paramref name="cases"/> (the native benchmark's case names): the median step of
    /// each by case, or why there is none (the build or the run failed; the reason names the command to repeat).
    /// </summary>
    public static (IReadOnlyDictionary<string, StepResult> Results, string? Failure, double BuildSeconds) Run(IReadOnlyList<string> cases, bool quick)
    {
        var results = new Dictionary<string, StepResult>();
        if (cases.Count == 0)
        {
            return (results, null, 0);
        }

        var (buildSeconds, buildCode, buildText) = ProcessTimer.Run(
            "dotnet", ["build", Project, "-c", "Release", "-nologo", "-v", "q"], RepositoryPaths.Root);
        if (buildCode != 0 || !File.Exists(Program))
        {
            return (results, $"build failed ({buildCode}; dotnet build tests/FairMtl.Torch.Benchmarks -c Release): {Tail(buildText)}", buildSeconds);
        }

        var (_, code, text) = ProcessTimer.Run(
            "dotnet", [Program, .. quick ? new[] { "--quick" } : [], .. cases], RepositoryPaths.Root);
        if (code != 0)
        {
            return (results, $"run failed ({code}; dotnet {Program}): {Tail(text)}", buildSeconds);
        }

        foreach (var line in text.Split('\n'))
        {
            var fields = line.TrimEnd('\r').Split('\t');
            if (fields.Length == 5 && cases.Contains(fields[0])
                && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var microseconds)
                && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes)
                && int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var collections)
                && long.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var steps))
            {
                results[fields[0]] = new StepResult(microseconds, bytes, collections, steps);
            }
        }

        var missing = cases.Where(c => !results.ContainsKey(c)).ToList();
        return (results, missing.Count == 0 ? null : $"no result for {string.Join(", ", missing)}: {Tail(text)}", buildSeconds);
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "..." + text[^2000..].Trim();
}
