using FairMtl.Benchmarks;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;

namespace FairMtl.Torch.Tests;

/// <summary>The repository's experiments as the tests load them (the folder is found by the benchmarks' shared
/// <see cref="RepositoryPaths"/>).</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding FairMtl.sln.</summary>
    public static string Root => RepositoryPaths.Root;

    /// <summary>experiments/&lt;name&gt;.yaml.</summary>
    public static string Experiment(string name) => RepositoryPaths.Experiment(name);

    /// <summary>The sweep experiment experiments/&lt;name&gt;.yaml.</summary>
    public static LoadedExperiment Sweep(string name)
    {
        var path = Experiment(name);
        return ExperimentYamlReader.Parse(File.ReadAllText(path), path, Path.GetDirectoryName(path)!);
    }

    /// <summary>The sweep experiment experiments/&lt;name&gt;.yaml at a reduced scale: its first variable at
    /// <paramref name="values"/> only, <paramref name="epochs"/> epochs for the baseline and the sweep, on
    /// <paramref name="engine"/>.</summary>
    public static LoadedExperiment ReducedSweep(string name, double[] values, int epochs, TrainingEngine engine = TrainingEngine.Native)
    {
        var loaded = Sweep(name);
        var spec = loaded.Spec;
        return loaded with
        {
            Spec = spec with
            {
                Sweep = spec.Sweep with { Variables = new[] { spec.Sweep.Variables[0] with { Values = values } } },
                Baseline = spec.Baseline with { Epochs = epochs },
                Training = spec.Training with { Epochs = epochs, Engine = engine },
            },
        };
    }

    /// <summary>The comparison experiment experiments/&lt;name&gt;.yaml.</summary>
    public static LoadedComparison Comparison(string name)
    {
        var path = Experiment(name);
        return ComparisonYamlReader.Parse(File.ReadAllText(path), path, Path.GetDirectoryName(path)!);
    }
}
