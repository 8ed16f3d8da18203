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
    /// <returns>The gap between the engines' first-step gradients, between their weights after the last step, and
    /// between the native engine's own weights after the last step and those of a native run whose initial weights were
    /// moved by one float32 rounding step each (how much the training itself amplifies rounding differences).</returns>
    public static (Gap FirstGradients, Gap LastWeights, Gap NativeSensitivity) Run(
        Func<(MultiHeadNetwork Network, Func<IBatchObjective> Objective)> build, DataPart part, int batch, int steps, OptimizerSpec optimizer)
    {
        var perEpoch = (part.Rows + batch - 1) / batch;
        var (native, nativeObjective) = build();
        var (torch, torchObjective) = build();
        var (perturbed, perturbedObjective) = build();
        Perturb(perturbed);
        var engine = new TorchEngine(startFromNativeWeights: true);
        var settings = new TrainerSettings(batch, optimizer, Initializer.GlorotUniform, 1);
        var objectiveN = nativeObjective();
        var objectiveT = torchObjective();

        // One step on the first batch: the gradients that step used.
        var first = Slice(part, batch);
        var epochs = (steps - 1 + perEpoch - 1) / perEpoch;
        TrainNative(native, objectiveN, first, batch, 1, optimizer);
        var nativeGradients = native.Parameters.Select(parameter => (float[])parameter.Gradient.Clone()).ToArray();
        var objectiveP = perturbedObjective();
        TrainNative(perturbed, objectiveP, first, batch, 1, optimizer);
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
            gradientGap = Worst(native.Parameters, p => nativeGradients[p], p => gradients[p]);
        }

        // Then both go on from their own first step's weights, each with a fresh optimiser, for the remaining steps.
        TrainNative(native, objectiveN, part, batch, epochs, optimizer);
        TrainNative(perturbed, objectiveP, part, batch, epochs, optimizer);
        using (var trainer = engine.Create(torch, part, part, settings))
        {
            trainer.Train(objectiveT, epochs, null, new DeterministicRandom(9), new DeterministicRandom(10), CancellationToken.None).Succeeded.ShouldBeTrue();
        }

        return (
            gradientGap,
            Worst(native.Parameters, p => native.Parameters[p].Value, p => torch.Parameters[p].Value),
            Worst(native.Parameters, p => native.Parameters[p].Value, p => perturbed.Parameters[p].Value));
    }

    /// <summary>
    /// How much the training itself amplifies rounding differences in the gradients: the gap between the native engine's
    /// weights after <paramref name="steps"/> steps (taken as <see cref="Run"/> takes them) and those of a native run
    /// whose parameter gradients were moved, at every step before the update, by one float32 rounding step each (seeded
    /// signs). The two engines' gradients differ by such roundings (sums in another order), not by a shift of the
    /// initial weights, and an optimiser that divides by the gradients' own scale (Adam) amplifies them in elements whose
    /// gradient is a near-cancellation.
    /// </summary>
    public static Gap GradientSensitivity(
        Func<(MultiHeadNetwork Network, Func<IBatchObjective> Objective)> build, DataPart part, int batch, int steps, OptimizerSpec optimizer)
    {
        var perEpoch = (part.Rows + batch - 1) / batch;
        var epochs = (steps - 1 + perEpoch - 1) / perEpoch;
        var runs = new MultiHeadNetwork[2];
        for (var r = 0; r < runs.Length; r++)
        {
            var (network, objective) = build();
            var nudge = r == 1 ? new DeterministicRandom(98) : null;
            var instance = objective();
            TrainNative(network, instance, Slice(part, batch), batch, 1, optimizer, nudge);
            TrainNative(network, instance, part, batch, epochs, optimizer, nudge);
            runs[r] = network;
        }

        return Worst(runs[0].Parameters, p => runs[0].Parameters[p].Value, p => runs[1].Parameters[p].Value);
    }

    /// <summary><paramref name="epochs"/> native epochs over <paramref name="part"/> with a fresh optimiser (the
    /// shuffle and dropout streams <see cref="Run"/>'s torch half uses for the same phase).</summary>
    private static void TrainNative(
        MultiHeadNetwork network, IBatchObjective objective, DataPart part, int batch, int epochs, OptimizerSpec optimizer, DeterministicRandom? nudge = null)
    {
        var (shuffle, dropout) = part.Rows <= batch ? (7UL, 8UL) : (9UL, 10UL);
        var update = OptimizerFactory.Create(optimizer, network.Parameters);
        new ModelTrainer(network, part, part, batch)
            .Train(nudge is null ? update : new NudgedOptimizer(update, network.Parameters, nudge), objective, epochs, null, new DeterministicRandom(shuffle), new DeterministicRandom(dropout), CancellationToken.None)
            .Succeeded.ShouldBeTrue();
    }

    /// <summary>An optimiser that moves every non-zero gradient element by one float32 step up or down (seeded signs)
    /// before each update.</summary>
    private sealed class NudgedOptimizer(IOptimizer inner, IReadOnlyList<Parameter> parameters, DeterministicRandom random) : IOptimizer
    {
        public void Step()
        {
            foreach (var parameter in parameters)
            {
                Nudge(parameter.Gradient, random);
            }

            inner.Step();
        }

        public void Reset() => inner.Reset();
    }

    /// <summary>Moves every weight by one float32 step up or down (seeded signs).</summary>
    private static void Perturb(MultiHeadNetwork network)
    {
        var random = new DeterministicRandom(99);
        foreach (var parameter in network.Parameters)
        {
            Nudge(parameter.Value, random, zeros: true);
        }
    }

    /// <summary>Moves each element of <paramref name="values"/> by one float32 step up or down (seeded signs); a zero
    /// only when <paramref name="zeros"/> (an exactly zero gradient stays one on either engine).</summary>
    private static void Nudge(float[] values, DeterministicRandom random, bool zeros = false)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0f || zeros)
            {
                values[i] = random.NextInt(2) == 0 ? MathF.BitDecrement(values[i]) : MathF.BitIncrement(values[i]);
            }
        }
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
