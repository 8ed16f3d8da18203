using FairMtl.Conditional;
using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Training;

namespace FairMtl.Benchmarks;

/// <summary>
/// One training step of a loss-conditional Pires et al. network (<c>sweep.conditional</c>) on the Parkinson shape of
/// <see cref="PiresStepCase"/>: the same rows with alpha appended as a conditioning input (drawn from U(0, 4.9) per row
/// or per batch), FiLM on both trunk layers or not, the conditional objective alpha * L_y + (5 - alpha) * L_z at the
/// drawn values, Adam, batch 32, one thread, through the native trainer. Beside the plain Parkinson step it says what
/// a conditional step costs on top of a per-point sweep's step.
/// </summary>
internal sealed class ConditionalStepBenchmark(ConditionalSampling sampling, bool film)
{
    private static readonly PiresStepCase s_shape = PiresStepCase.All.Single(c => c.Name == "parkinson");

    public string Name => $"parkinson, {(sampling == ConditionalSampling.PerRow ? "per-row" : "per-batch")}{(film ? ", FiLM" : "")}";

    /// <summary>The step's median time and allocation (<see cref="StepResult.Median"/>).</summary>
    public StepResult Measure(int epochs)
    {
        var plain = s_shape.Build();
        var heads = plain.Network.Heads.Select(head => head.Spec).ToArray();
        var model = new ModelSpec(new[] { 64, 32 }, Activation.Relu, 0, false, Initializer.GlorotUniform);
        var network = new MultiHeadNetwork(s_shape.Inputs + 1, model, heads, PiresStepCase.Batch, conditions: 1, film: film);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(1));
        var alphas = Enumerable.Range(0, 50).Select(i => i / 10.0).ToArray();
        var sweep = new SweepSpec(
            new[] { new SweepVariable("alpha", alphas) },
            new[] { 42 },
            Conditional: new ConditionalSpec(sampling, ConditionalDistribution.Uniform, film, 200, 0));
        var points = alphas.Select((alpha, i) => new SweepPoint(i, new[] { alpha })).ToArray();
        var sampler = new ConditionSampler(sweep, points, new DeterministicRandom(6), PiresStepCase.Batch);
        var trainer = new ModelTrainer(network, ConditionedData.Widen(plain.Train, 1), ConditionedData.Widen(plain.Validation, 1), PiresStepCase.Batch)
        {
            Conditioner = sampler,
        };
        var optimizer = OptimizerFactory.Create(PiresStepCase.Settings.Optimizer, network.Parameters);
        var weighting = WeightingExpression.Parse("alpha * y + (5 - alpha) * z").Compile(["y", "z"], ["alpha"]);
        var objective = new ConditionalLoss(network, weighting, sampler);
        return StepResult.Median(
            count => trainer.Train(optimizer, objective, count, null, s_shape.Shuffle, s_shape.Dropout, CancellationToken.None), epochs);
    }
}
