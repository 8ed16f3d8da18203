using System.Globalization;
using System.Text;
using FairMtl.Data;
using FairMtl.Spec;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Training;

/// <summary>
/// A small synthetic regression problem with a binary protected attribute: y = 2 x1 - x2 + 0.5 s + noise,
/// in the column layout <see cref="TestExperiments.ParkinsonLikeSpec"/> expects.
/// </summary>
internal static class SyntheticExperiment
{
    public static string Csv(int rows = 300, int seed = 1)
    {
        var random = new FairMtl.Numerics.DeterministicRandom((ulong)seed);
        var builder = new StringBuilder("subject#,x1,x2,sex,test_time,motor_UPDRS,total_UPDRS\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = 2 * random.NextDouble() - 1;
            var x2 = 2 * random.NextDouble() - 1;
            var sex = random.NextDouble() < 0.4 ? 1 : 0;
            var y = 2 * x1 - x2 + 0.5 * sex + 0.1 * (random.NextDouble() - 0.5);
            builder.Append(string.Create(CultureInfo.InvariantCulture, $"{i % 17},{x1:R},{x2:R},{sex},{i},{y:R},{y + 1:R}\n"));
        }

        return builder.ToString();
    }

    /// <summary>The Parkinson-like spec on the synthetic file, with the given tweaks applied to training.</summary>
    public static ExperimentSpec Spec(int epochs = 5, double[]? alphas = null, int[]? seeds = null, RegimeSpec? regime = null)
    {
        var spec = TestExperiments.ParkinsonLikeSpec();
        return spec with
        {
            Model = spec.Model with { Trunk = new[] { 16, 8 } },
            Sweep = new SweepSpec(new[] { new SweepVariable("alpha", alphas ?? [0.0, 2.5, 4.9]) }, seeds ?? [42]),
            Training = spec.Training with { Epochs = epochs, Regime = regime ?? new RegimeSpec(RegimeKind.Independent, 1, false) },
            Baseline = spec.Baseline with { Epochs = epochs },
        };
    }

    /// <summary>Writes the synthetic data into <paramref name="folder"/> and prepares it for <paramref name="spec"/>.</summary>
    public static (LoadedExperiment Experiment, PreparedData Data) Prepare(TempDataFolder folder, ExperimentSpec spec)
    {
        var experiment = folder.Experiment(Csv(), spec);
        return (experiment, DataPreparation.Prepare(experiment));
    }
}
