using System.Globalization;

namespace FairMtl.Benchmarks;

/// <summary>The same training step in PyTorch (pytorch/step_timing.py), when /usr/bin/python3 has torch.</summary>
internal static class PyTorchBenchmark
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Whether /usr/bin/python3 imports torch.</summary>
    public static bool Available { get; } =
        File.Exists(Python) && ProcessTimer.Run(Python, ["-c", "import torch"], RepositoryPaths.Root).ExitCode == 0;

    /// <summary>Microseconds per step by input width; empty when PyTorch is not available.</summary>
    public static IReadOnlyDictionary<int, double> StepMicroseconds(int steps, IEnumerable<int> inputs)
    {
        var result = new Dictionary<int, double>();
        if (!Available)
        {
            return result;
        }

        var script = Path.Combine(AppContext.BaseDirectory, "pytorch", "step_timing.py");
        var (_, code, text) = ProcessTimer.Run(
            Python,
            new[] { script, "1", steps.ToString(CultureInfo.InvariantCulture) }.Concat(inputs.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            RepositoryPaths.Root);
        if (code != 0)
        {
            throw new InvalidOperationException("PyTorch benchmark failed: " + text);
        }

        foreach (var line in text.Split('\n').Where(l => l.StartsWith("pytorch-step-us d=", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ');
            result[int.Parse(parts[1][2..], CultureInfo.InvariantCulture)] = double.Parse(parts[2], CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>Microseconds per step of the benchmark's PyTorch twin (pytorch/classification_step_timing.py) on the same
    /// training rows, one thread; null when PyTorch is not available.</summary>
    public static double? ClassificationStepMicroseconds(ClassificationStepBenchmark benchmark, int steps)
    {
        if (!Available)
        {
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("fairmtl-twin-").FullName;
        try
        {
            benchmark.ExportTrainingRows(folder);
            var script = Path.Combine(AppContext.BaseDirectory, "pytorch", "classification_step_timing.py");
            var (_, code, text) = ProcessTimer.Run(
                Python,
                new[] { script, "1", steps.ToString(CultureInfo.InvariantCulture), folder }.Concat(benchmark.TwinArguments()),
                RepositoryPaths.Root);
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("pytorch-step-us ", StringComparison.Ordinal));
            if (code != 0 || line is null)
            {
                throw new InvalidOperationException("PyTorch twin failed: " + text);
            }

            return double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
