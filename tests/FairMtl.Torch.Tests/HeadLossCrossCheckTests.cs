using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using FairMtl.Training;
using Xunit.Abstractions;

namespace FairMtl.Torch.Tests;

/// <summary>
/// The sweeps' objective (each head's task loss, combined by a weighting such as Pires et al.'s
/// alpha L_y + (5 - alpha) L_z) on both engines from the same weights: torch differentiates the losses, heads, trunk,
/// batch normalisation and embeddings itself, so the native engine's hand-written gradients are checked against an
/// independent autograd.
/// </summary>
public class HeadLossCrossCheckTests(ITestOutputHelper output)
{
    private const int Batch = 32;
    private const int Rows = 5 * Batch;

    /// <summary>Bound on a first step's gradients: float32 sums of up to 32 rows and 24 inputs in another order give
    /// relative differences of a few 1e-7 of the tensor's largest element; 1e-5 leaves room for cancellations.</summary>
    private const double GradientBound = 1e-5;

    /// <summary>Bound on the weights after 51 steps: the first step's rounding differences grow through training
    /// (measured at most 1.4e-5 of the tensor's largest weight), or ten times the native engine's own drift from one
    /// rounding step on every initial weight if the training amplifies rounding more.</summary>
    private const double WeightBound = 1e-3;

    public static TheoryData<string, bool, bool, OptimizerKind> Layouts => new()
    {
        { "regression + binary (Pires)", false, false, OptimizerKind.Adam },
        { "every head type, missing labels", false, false, OptimizerKind.Adam },
        { "every head type, batch normalisation", true, false, OptimizerKind.Sgd },
        { "regression + binary, embeddings", false, true, OptimizerKind.Adagrad },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void One_step_gives_the_same_gradients_and_fifty_steps_nearly_the_same_weights(string layout, bool batchNorm, bool embeddings, OptimizerKind optimizer)
    {
        var every = layout.StartsWith("every", StringComparison.Ordinal);
        var heads = every ? EveryHead : PiresHeads;
        var part = Part(heads, missing: every);
        var columns = Enumerable.Range(0, Features).Select(i => i < 4 ? "cat" : "x" + i).ToArray();
        EmbeddingSpec[] embedded = embeddings ? [new EmbeddingSpec("cat", 3)] : [];
        var model = new ModelSpec(new[] { 16, 8 }, Activation.Relu, 0.0, batchNorm, Initializer.GlorotUniform);
        var spec = new OptimizerSpec(optimizer, 0.01, 0.9, 0.999, 1e-7, optimizer == OptimizerKind.Sgd ? 0.9 : 0, 0.1);

        var (gradients, weights, sensitivity) = StepComparison.Run(
            () =>
            {
                var network = MultiHeadNetwork.For(columns, embedded, model, heads, Batch);
                network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(11));
                return (network, () => new HeadLossObjective(network, new WeightedLoss(new PiresWeighting(heads.Length), [2.5])));
            },
            part,
            Batch,
            steps: 51,
            spec);

        output.WriteLine($"{layout}: first-step gradients {gradients}, native against itself one rounding step apart {sensitivity}, weights after 51 steps {weights}");
        gradients.Relative.ShouldBeLessThan(GradientBound, gradients.ToString());
        weights.Relative.ShouldBeLessThan(Math.Max(WeightBound, 10 * sensitivity.Relative), weights.ToString());
    }

    private const int Features = 8;

    private static readonly HeadSpec[] PiresHeads =
    [
        new HeadSpec("y", "Y", HeadTask.Regression, false, []),
        new HeadSpec("z", "Z", HeadTask.Binary, false, []),
    ];

    private static readonly HeadSpec[] EveryHead =
    [
        new HeadSpec("y", "Y", HeadTask.Regression, false, []),
        new HeadSpec("z", "Z", HeadTask.Binary, false, new[] { 4 }),
        new HeadSpec("c", "C", HeadTask.MultiClass, false, [], Classes: 3),
        new HeadSpec("m", "M", HeadTask.MultiLabel, false, [], Classes: 2),
    ];

    /// <summary>Rows whose first four inputs are a one-hot column (so that it can be embedded) and whose targets follow
    /// the inputs; with <paramref name="missing"/>, about one label in seven of the multi-class and multi-label heads
    /// missing.</summary>
    private static DataPart Part(HeadSpec[] heads, bool missing)
    {
        var random = new DeterministicRandom(5);
        var x = new float[Rows * Features];
        for (var r = 0; r < Rows; r++)
        {
            x[(r * Features) + random.NextInt(4)] = 1f;
            for (var j = 4; j < Features; j++)
            {
                x[(r * Features) + j] = (float)random.NextGaussian();
            }
        }

        var targets = new Dictionary<string, float[]>();
        foreach (var head in heads)
        {
            var values = new float[Rows * head.TargetWidth];
            for (var r = 0; r < Rows; r++)
            {
                var s = x[(r * Features) + 4] - x[(r * Features) + 5] + (0.5f * x[(r * Features) + 1]);
                for (var k = 0; k < head.TargetWidth; k++)
                {
                    values[(r * head.TargetWidth) + k] = head.Task switch
                    {
                        HeadTask.Regression => s + (0.1f * (float)random.NextGaussian()),
                        HeadTask.Binary => s > 0 ? 1f : 0f,
                        HeadTask.MultiClass => s < -0.5f ? 0f : s < 0.5f ? 1f : 2f,
                        _ => (s + k) > 0.3f ? 1f : 0f,
                    };
                    if (missing && head.Task is HeadTask.MultiClass or HeadTask.MultiLabel && random.NextInt(7) == 0)
                    {
                        values[(r * head.TargetWidth) + k] = float.NaN;
                    }
                }
            }

            targets[head.Name] = values;
        }

        return new DataPart(Rows, Features, x, targets, Enumerable.Range(0, Rows).ToArray());
    }

    /// <summary>alpha L_0 + (5 - alpha) L_1 + L_2 + 0.5 L_3 ... (the heads after the first two weighted 1 and 0.5).</summary>
    private sealed class PiresWeighting(int heads) : ILossWeighting
    {
        public double Evaluate(double[] losses, double[] variables)
        {
            var alpha = variables[0];
            var value = (alpha * losses[0]) + ((5 - alpha) * losses[1]);
            for (var h = 2; h < heads; h++)
            {
                value += (h == 2 ? 1 : 0.5) * losses[h];
            }

            return value;
        }

        public void Gradient(double[] losses, double[] variables, double[] dLosses)
        {
            dLosses[0] = variables[0];
            dLosses[1] = 5 - variables[0];
            for (var h = 2; h < heads; h++)
            {
                dLosses[h] = h == 2 ? 1 : 0.5;
            }
        }
    }
}
