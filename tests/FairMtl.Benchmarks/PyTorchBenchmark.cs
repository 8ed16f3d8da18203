using System.Globalization;

namespace FairMtl.Benchmarks;

/// <summary>The same training step in PyTorch (pytorch/step_timing.py), when /usr/bin/python3 has torch.</summary>
internal static class PyTorchBenchmark
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Microseconds per step by input width; empty when PyTorch is not available.</summary>
    public static IReadOnlyDictionary<int, double> StepMicroseconds(int steps, IEnumerable<int> inputs)
    {
        var result = new Dictionary<int, double>();
        if (!File.Exists(Python) || ProcessTimer.Run(Python, ["-c", "import torch"], RepositoryPaths.Root).ExitCode != 0)
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
}
