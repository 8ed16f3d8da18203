using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Spec;
using FairMtl.Torch.Training;
using FairMtl.Training;

namespace FairMtl.Torch.Tests;

/// <summary>
/// Trains two copies of a network from the same initial weights on the same rows, one on the native engine and one on
/// the torch engine (<see cref="TorchEngine"/> started from the native weights), and measures how far apart their
/// gradients (after the first step) and weights (after the last) are.
/// </summary>
internal static class StepComparison
{
    /// <summary>The largest difference of a parameter tensor's elements relative to the largest magnitude of the native
    /// tensor's, at least a hundredth of the network's largest (a bias before batch normalisation has a gradient of
    /// exactly zero, which both engines give as rounding noise of about 1e-9), for the worst tensor, with its name.</summary>
    public sealed record Gap(double Relative, string Parameter)
    {
        public override string ToString() => $"{Relative:E2} ({Parameter})";
    }

    /// <param name="build">Builds a network and its objective; called twice, it must give identical networks.</param>
    /// <param name="part">The training rows (one epoch of them).</param>
    /// <param name="batch">Rows per step.</param>
    /// <param name="steps">Steps to take in all: one on the first batch, then whole epochs over <paramref name="part"/>
    /// (at least the rest).</param>
    /// <param name="optimizer">The optimiser of both engines.</param>
    public static (Gap FirstGradients, Gap LastWeights) Run(
        Func<(MultiHeadNetwork Network, Func<IBatchObjective> Objective)> build, DataPart part, int batch, int steps, OptimizerSpec optimizer)
    {
        var perEpoch = (part.Rows + batch - 1) / batch;
        var (native, nativeObjective) = build();
        var (torch, torchObjective) = build();
        var engine = new TorchEngine(startFromNativeWeights: true);
        var settings = new TrainerSettings(batch, optimizer, Initializer.GlorotUniform, 1);
        var objectiveN = nativeObjective();
        var objectiveT = torchObjective();

        // One step on the first batch: the gradients that step used.
        var first = Slice(part, batch);
        new ModelTrainer(native, first, first, batch)
            .Train(OptimizerFactory.Create(optimizer, native.Parameters), objectiveN, 1, null, new DeterministicRandom(7), new DeterministicRandom(8), CancellationToken.None)
            .Succeeded.ShouldBeTrue();
        Gap gradientGap;
        using (var trainer = (TorchTrainer)engine.Create(torch, first, first, settings))
        {
            trainer.Train(objectiveT, 1, null, new DeterministicRandom(7), new DeterministicRandom(8), CancellationToken.None).Succeeded.ShouldBeTrue();
            var gradients = trainer.Model.Weights.Select(weight =>
            {
                var values = new float[weight.numel()];
                Modules.WeightTransfer.GradientTo(weight, values);
                return values;
            }).ToArray();
            gradientGap = Worst(native.Parameters, p => native.Parameters[p].Gradient, p => gradients[p]);
        }

        // Then both go on from their own first step's weights, each with a fresh optimiser, for the remaining steps.
        var epochs = (steps - 1 + perEpoch - 1) / perEpoch;
        new ModelTrainer(native, part, part, batch)
            .Train(OptimizerFactory.Create(optimizer, native.Parameters), objectiveN, epochs, null, new DeterministicRandom(9), new DeterministicRandom(10), CancellationToken.None)
            .Succeeded.ShouldBeTrue();
        using (var trainer = engine.Create(torch, part, part, settings))
        {
            trainer.Train(objectiveT, epochs, null, new DeterministicRandom(9), new DeterministicRandom(10), CancellationToken.None).Succeeded.ShouldBeTrue();
        }

        return (gradientGap, Worst(native.Parameters, p => native.Parameters[p].Value, p => torch.Parameters[p].Value));
    }

    private static Gap Worst(IReadOnlyList<Parameter> parameters, Func<int, float[]> native, Func<int, float[]> torch)
    {
        var worst = new Gap(0, "");
        var floor = 0.0;
        for (var p = 0; p < parameters.Count; p++)
        {
            floor = Math.Max(floor, native(p).Max(v => Math.Abs(v)) / 100);
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            var a = native(p);
            var b = torch(p);
            var scale = floor;
            var difference = 0.0;
            for (var i = 0; i < a.Length; i++)
            {
                scale = Math.Max(scale, Math.Abs(a[i]));
                difference = Math.Max(difference, Math.Abs((double)a[i] - b[i]));
            }

            var relative = difference / scale;
            if (relative >= worst.Relative)
            {
                worst = new Gap(relative, parameters[p].Name);
            }
        }

        return worst;
    }

    /// <summary>The first <paramref name="rows"/> rows of <paramref name="part"/>.</summary>
    public static DataPart Slice(DataPart part, int rows)
    {
        rows = Math.Min(rows, part.Rows);
        return new DataPart(
            rows,
            part.Features,
            part.X[..(rows * part.Features)],
            part.Targets.ToDictionary(pair => pair.Key, pair => pair.Value[..(rows * (pair.Value.Length / part.Rows))]),
            part.SourceRows[..rows],
            part.Groups?.ToDictionary(pair => pair.Key, pair => pair.Value[..rows]));
    }
}
