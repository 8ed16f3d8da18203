using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Torch.Modules;
using FairMtl.Torch.Training;
using FairMtl.Training;
using Xunit.Abstractions;

namespace FairMtl.Torch.Tests;

/// <summary>
/// A sweep unit trained with the generated module and its tensor weighting (torch differentiates the loss expression)
/// against the same unit trained with the run-time model and the weighting's coefficients (the engine's path for a spec
/// read at run time), from the same initial weights, on the same batches and dropout masks.
/// </summary>
public class GeneratedTrainingTests(ITestOutputHelper output)
{
    /// <summary>Bound on the largest difference of a trained weight, relative to the largest weight of its tensor (at
    /// least a hundredth of the network's largest). For a loss linear in the losses (Parkinson, Boston) both paths take
    /// the same torch operations and agree bit for bit. For every-layer's (5 - alpha) * sqrt(z), torch's float32
    /// derivative of sqrt and the coefficient computed in double differ by rounding steps, which two epochs of Adam
    /// (266 steps) carry to 3.0e-7 of a tensor's scale (measured). The bound is the step cross-checks' gradient
    /// bound ten times over: room for other platforms' libtorch kernels, far below any difference in what is learned.</summary>
    private const double Bound = 1e-4;

    [Theory]
    [InlineData("parkinson-torch", 2.5)]
    [InlineData("boston-torch", 0.98)]
    [InlineData("every-layer", 4.0)]
    public void Training_with_the_tensor_weighting_agrees_with_the_coefficient_path(string name, double alpha)
    {
        var compiled = CompiledTorchExperiments.Find(name);
        var spec = compiled.Spec;
        var data = CompiledTorchExperiments.Data(name);
        var engine = new TorchEngine(startFromNativeWeights: true);
        var withModule = CompiledTorchExperiments.Network(name, seed: 5);
        var withCoefficients = CompiledTorchExperiments.Network(name, seed: 5);

        var steps = 0L;
        foreach (var (network, experiment) in new[] { (withModule, name), (withCoefficients, (string?)null) })
        {
            var settings = new TrainerSettings(spec.Training.BatchSize, spec.Training.Optimizer, spec.Model.Init, 5, experiment);
            using var trainer = (TorchTrainer)engine.Create(network, data.Train, data.Validation, settings);
            (trainer.Model is ITorchLossWeighting).ShouldBe(experiment is not null, "the generated module weights the losses itself");
            (trainer.Model is RuntimeModel).ShouldBe(experiment is null, "the run-time model unless the unit runs as compiled");
            var outcome = trainer.Train(
                new WeightedLoss(compiled.Weighting, [alpha]),
                epochs: 2,
                earlyStopping: null,
                DeterministicRandom.ForStream(5, "shuffle"),
                DeterministicRandom.ForStream(5, "dropout"),
                CancellationToken.None);
            outcome.Succeeded.ShouldBeTrue();
            steps = outcome.Steps;
        }

        var (gap, parameter) = Worst(withModule, withCoefficients);
        output.WriteLine($"{name}: largest relative weight difference after 2 epochs ({steps} steps) {gap:E2} ({parameter})");
        gap.ShouldBeLessThan(Bound, parameter);
        if (name != "every-layer")
        {
            gap.ShouldBe(0, "a loss linear in the losses takes the same operations on both paths");
        }
        else
        {
            gap.ShouldBeGreaterThan(0, "sqrt's derivative is torch's on one path, the coefficient's on the other: the tensor weighting was used");
        }
    }

    /// <summary>The largest difference of a parameter's elements relative to the largest magnitude of the first
    /// network's tensor (at least a hundredth of the network's largest), and that parameter. The dense biases of
    /// batch-normalised blocks are left out: normalisation subtracts them, so their gradient is exactly zero and what
    /// either engine computes for it is rounding noise, which Adam scales to full-size steps (they change no output).</summary>
    private static (double Gap, string Parameter) Worst(MultiHeadNetwork a, MultiHeadNetwork b)
    {
        var cancelled = a.Trunk.Where(block => block.Norm is not null).Select(block => block.Dense.Bias).ToHashSet();
        var floor = a.Parameters.Max(parameter => parameter.Value.Max(MathF.Abs)) / 100.0;
        var worst = (Gap: 0.0, Parameter: string.Empty);
        for (var p = 0; p < a.Parameters.Count; p++)
        {
            if (cancelled.Contains(a.Parameters[p]))
            {
                continue;
            }

            var x = a.Parameters[p].Value;
            var y = b.Parameters[p].Value;
            var scale = Math.Max(floor, x.Max(MathF.Abs));
            var difference = x.Zip(y, (u, v) => Math.Abs((double)u - v)).Max();
            if (difference / scale >= worst.Gap)
            {
                worst = (difference / scale, a.Parameters[p].Name);
            }
        }

        return worst;
    }
}
