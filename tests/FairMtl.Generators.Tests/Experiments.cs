using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Tests;

/// <summary>The repository's experiments and data files as the experiments project gives them to the generator.</summary>
internal static class Experiments
{
    public const string BostonYaml = "experiments/boston.yaml";
    public const string ParkinsonYaml = "experiments/parkinson.yaml";
    public const string BostonData = "experiments/data/boston/housing.data";
    public const string ParkinsonData = "experiments/data/parkinsons-telemonitoring/parkinsons_updrs.data";

    public static AdditionalText[] All() =>
        [GeneratorHarness.RepoFile(BostonYaml), GeneratorHarness.RepoFile(ParkinsonYaml), GeneratorHarness.RepoFile(BostonData), GeneratorHarness.RepoFile(ParkinsonData)];

    /// <summary>A small valid experiment on the Parkinson data (at <c>experiments/</c>), to be broken one way per test.</summary>
    public const string Small = """
        name: small
        data:
          file: data/parkinsons-telemonitoring/parkinsons_updrs.data
          features:
            exclude: [motor_UPDRS, total_UPDRS, test_time, sex]
          split: { test: 0.2, validation: 0.0, seed: 42 }
          groups: { column: sex, rule: binary }
        model:
          trunk: [4]
        heads:
          y: { column: motor_UPDRS, task: regression }
          z: { column: sex, task: binary }
        loss: alpha * y + (5 - alpha) * z
        sweep:
          alpha: { from: 0.0, to: 4.0, count: 2 }
          seeds: [1]
        baseline:
          heads: [y]
          epochs: 1
        training:
          batch_size: 64
          epochs: 1
        evaluation:
          head: y
        """;
}
