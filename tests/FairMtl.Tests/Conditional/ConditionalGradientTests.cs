using FairMtl.Conditional;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Training;

namespace FairMtl.Tests.Conditional;

/// <summary>
/// The conditioned network's and the per-row weighted loss's gradients against central finite differences of the
/// objective they define: (1 / rows) * sum over rows of the weighting at that row's draw applied to that row's losses.
/// </summary>
public class ConditionalGradientTests
{
    private const int Rows = 6;
    private const int DataInputs = 3;
    private const string Loss = "alpha * y + (5 - alpha) * z + beta * beta * y";

    private static readonly HeadSpec[] Heads =
    [
        new HeadSpec("y", "Y", HeadTask.Regression, false, new[] { 3 }),
        new HeadSpec("z", "Z", HeadTask.Binary, false, Array.Empty<int>()),
    ];

    [Theory]
    [InlineData(ConditionalSampling.PerRow, true, 5, 4)]
    [InlineData(ConditionalSampling.PerBatch, true, 5, 4)]
    [InlineData(ConditionalSampling.PerRow, false, 5, 4)]
    [InlineData(ConditionalSampling.PerRow, true, 24, 13)] // FiLM's vector paths: two vectors, one vector, scalar tail
    public void Every_parameter_gradient_matches_finite_differences(ConditionalSampling sampling, bool film, int first, int second)
    {
        var sweep = new SweepSpec(
            new[] { new SweepVariable("alpha", new[] { 0.5, 4.5 }), new SweepVariable("beta", new[] { -1.0, 2 }) },
            new[] { 1 },
            Conditional: new ConditionalSpec(sampling, ConditionalDistribution.Uniform, film, 1, 0));
        var weighting = WeightingExpression.Parse(Loss).Compile(["y", "z"], ["alpha", "beta"]);
        var model = new ModelSpec(new[] { first, second }, Activation.Tanh, 0.0, false, Initializer.GlorotUniform);
        var network = new MultiHeadNetwork(DataInputs + 2, model, Heads, Rows, conditions: 2, film: film);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(5));
        var random = new DeterministicRandom(9);
        foreach (var layer in network.Film ?? [])
        {
            // Away from the identity, so that the scale's gradient reaches the layer below scaled.
            Fill(layer.Scale.Value, random, 0.8);
            Fill(layer.Shift.Value, random, 0.8);
        }

        var inputs = new float[Rows * (DataInputs + 2)];
        Fill(inputs, random, 1.0);
        var sampler = new ConditionSampler(sweep, [], new DeterministicRandom(13), Rows);
        sampler.Condition(inputs, Rows, DataInputs + 2);
        var draws = Enumerable.Range(0, Rows).Select(r =>
        {
            var values = new double[2];
            sampler.CopyRow(r, values);
            return values;
        }).ToArray();
        if (sampling == ConditionalSampling.PerRow)
        {
            draws.Select(d => d[0]).Distinct().Count().ShouldBe(Rows);
        }
        else
        {
            draws.ShouldAllBe(d => d[0] == draws[0][0] && d[1] == draws[0][1]);
        }

        var targets = new[]
        {
            Enumerable.Range(0, Rows).Select(_ => (float)(3 * random.NextDouble())).ToArray(),
            Enumerable.Range(0, Rows).Select(i => (float)(i % 2)).ToArray(),
        };
        var batch = new TrainingBatch(targets, new Dictionary<string, int[]>()) { Rows = Rows };
        var gradients = Heads.Select(_ => new float[Rows]).ToArray();
        var (headScales, trunkScales, trunkGradients) = (new float[2], new float[2], new float[]?[2]);
        network.Forward(inputs, Rows, training: true, null);
        new ConditionalLoss(network, weighting, sampler).Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients);
        network.Backward(inputs, Rows, gradients, headScales, trunkScales, trunkGradients);

        double Objective()
        {
            network.Forward(inputs, Rows, training: true, null);
            var total = 0.0;
            for (var r = 0; r < Rows; r++)
            {
                var losses = new double[2];
                for (var h = 0; h < 2; h++)
                {
                    losses[h] = TaskLoss.Compute(Heads[h].Task, network.Heads[h].Prediction.AsSpan(r, 1), targets[h].AsSpan(r, 1), [], 1);
                }

                total += weighting.Evaluate(losses, draws[r]);
            }

            return total / Rows;
        }

        var checkedFilm = 0;
        foreach (var parameter in network.Parameters)
        {
            for (var i = 0; i < parameter.Value.Length; i++)
            {
                var analytic = parameter.Gradient[i];
                var original = parameter.Value[i];
                const float step = 1e-2f;
                parameter.Value[i] = original + step;
                var up = Objective();
                parameter.Value[i] = original - step;
                var down = Objective();
                parameter.Value[i] = original;
                var numeric = (up - down) / (2 * step);
                Math.Abs(analytic - numeric).ShouldBeLessThan(2e-3 + (2e-2 * Math.Abs(numeric)), $"{parameter.Name}[{i}]");
                checkedFilm += parameter.Name.Contains(".film.", StringComparison.Ordinal) && Math.Abs(numeric) > 1e-3 ? 1 : 0;
            }
        }

        if (film)
        {
            checkedFilm.ShouldBeGreaterThan(20);
        }
    }

    [Fact]
    public void An_untrained_film_is_the_identity_and_the_conditions_reach_the_first_layer_as_inputs()
    {
        var model = new ModelSpec(new[] { 4 }, Activation.Relu, 0.0, false, Initializer.GlorotUniform);
        var plain = new MultiHeadNetwork(DataInputs + 1, model, Heads, Rows);
        var conditioned = new MultiHeadNetwork(DataInputs + 1, model, Heads, Rows, conditions: 1, film: true);
        plain.Initialize(Initializer.GlorotUniform, new DeterministicRandom(3));
        conditioned.Initialize(Initializer.GlorotUniform, new DeterministicRandom(3));
        var inputs = new float[Rows * (DataInputs + 1)];
        Fill(inputs, new DeterministicRandom(4), 1.0);

        plain.Forward(inputs, Rows, training: false, null);
        conditioned.Forward(inputs, Rows, training: false, null);

        conditioned.Heads[0].Prediction.ShouldBe(plain.Heads[0].Prediction);
        conditioned.Parameters.Count.ShouldBe(plain.Parameters.Count + 2);
        conditioned.Parameters.Where(p => p.Name.Contains("film")).Select(p => p.Value.Length).ShouldBe([4, 4]);
    }

    private static void Fill(float[] values, DeterministicRandom random, double scale)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(scale * ((2 * random.NextDouble()) - 1));
        }
    }
}
