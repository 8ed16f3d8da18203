using System.Globalization;

namespace FairMtl.Benchmarks;

/// <summary>
/// The libtorch engine's steps (tests/FairMtl.Torch.Benchmarks) as subprocesses: built once in Release (its first build
/// restores TorchSharp and libtorch, about 600 MB, once; this project never references it, so that FairMtl.sln and this
/// benchmark's own build never restore libtorch), then run with <c>dotnet</c> on the built program, one process per
/// case, alone on the machine, after the native measurements.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 passes the <c>Scalar</c>s it converts implicitly (in its Adam step and in tensor arithmetic with
/// numbers) to libtorch by raw handle and leaves them to the finalizer, so a garbage collection started by another
/// thread while the step is in native code can free a scalar that libtorch is reading; the process then dies with
/// "Expected false to be true" (Scalar.h, toFloat) or "Unknown scalar type" (BENCHMARKS.md, "The libtorch engine").
/// A case whose process dies that way is run again, and after a second death with a 1 GB young generation
/// (<see cref="FewerCollections"/>: far fewer collections, so far fewer chances); its row says how many processes died.
/// </remarks>
internal static class TorchSharpBenchmark
{
    /// <summary>The environment of the second attempt: a 1 GB young-generation budget, and arrays up to 1 MB in it
    /// instead of the large-object heap.</summary>
    public static IReadOnlyDictionary<string, string> FewerCollections { get; } = new Dictionary<string, string>
    {
        ["DOTNET_GCgen0size"] = "0x40000000",
        ["DOTNET_GCLOHThreshold"] = "0x100000",
    };

    private static string Project => Path.Combine(RepositoryPaths.Root, "tests", "FairMtl.Torch.Benchmarks");

    /// <summary>The built program: the project's Release output for the framework this benchmark runs on.</summary>
    private static string Program => Path.Combine(
        Project, "bin", "Release", new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name, "FairMtl.Torch.Benchmarks.dll");

    /// <summary>Builds the project in Release: the seconds it took, and why it failed (null when it did not).</summary>
    public static (double Seconds, string? Failure) Build()
    {
        var (seconds, code, text) = ProcessTimer.Run("dotnet", ["build", Project, "-c", "Release", "-nologo", "-v", "q"], RepositoryPaths.Root);
        return (seconds, code != 0 || !File.Exists(Program)
            ? $"build failed ({code}; dotnet build tests/FairMtl.Torch.Benchmarks -c Release): {Tail(text)}"
            : null);
    }

    /// <summary>
    /// Measures one case (a native benchmark case name) in a process of its own; if that process dies, in a second one
    /// with the same settings (the crash below is a race), and if that dies too, in a third with
    /// <see cref="FewerCollections"/>: the median step, or none, and what each failed attempt died of.
    /// </summary>
    public static TorchSharpCase Measure(string name, bool quick)
    {
        var failures = new List<string>();
        foreach (var environment in new[] { null, null, FewerCollections })
        {
            var (result, failure) = Once(name, quick, environment);
            if (result is not null)
            {
                return new TorchSharpCase(name, result, failures, environment is not null);
            }

            failures.Add(failure!);
        }

        return new TorchSharpCase(name, null, failures, true);
    }

    private static (StepResult? Result, string? Failure) Once(string name, bool quick, IReadOnlyDictionary<string, string>? environment)
    {
        var (_, code, text) = ProcessTimer.Run("dotnet", [Program, .. quick ? new[] { "--quick" } : [], name], RepositoryPaths.Root, environment);
        foreach (var line in text.Split('\n'))
        {
            var fields = line.TrimEnd('\r').Split('\t');
            if (code == 0 && fields.Length == 5 && fields[0] == name
                && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var microseconds)
                && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes)
                && int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var collections)
                && long.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var steps))
            {
                return (new StepResult(microseconds, bytes, collections, steps), null);
            }
        }

        // The exception's first line and where libtorch raised it, or the end of the output.
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var exception = lines.FirstOrDefault(l => l.StartsWith("Unhandled exception", StringComparison.Ordinal));
        var raised = lines.FirstOrDefault(l => l.StartsWith("Exception raised from", StringComparison.Ordinal));
        var frame = lines.FirstOrDefault(l => l.StartsWith("at TorchSharp.Modules", StringComparison.Ordinal) || l.StartsWith("at FairMtl", StringComparison.Ordinal));
        return (null, exception is null
            ? $"exit code {code}: {Tail(text)}"
            : $"exit code {code}: {exception} {raised} {frame}".Trim());
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "..." + text[^2000..].Trim();
}

/// <summary>One case's TorchSharp measurement: its result (null when every attempt failed), what each failed attempt
/// died of, and whether the result (or the last attempt) ran with <see cref="TorchSharpBenchmark.FewerCollections"/>.</summary>
internal sealed record TorchSharpCase(string Name, StepResult? Result, IReadOnlyList<string> Failures, bool FewerCollections);
