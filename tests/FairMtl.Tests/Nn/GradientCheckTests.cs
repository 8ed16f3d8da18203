using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Tests.Nn;

/// <summary>
/// Every backward pass against central finite differences of a double-precision reference forward pass.
/// </summary>
public class GradientCheckTests
{
    private const int Rows = 7;

    public static TheoryData<Activation, bool, double, bool> Configurations => new()
    {
        { Activation.Relu, false, 0.0, false },
        { Activation.Tanh, false, 0.0, false },
        { Activation.Relu, true, 0.0, false },
        { Activation.Tanh, true, 0.0, true },
        { Activation.Relu, false, 0.3, true },
        { Activation.Tanh, true, 0.25, true },
        { Activation.Linear, false, 0.0, true },
        { Activation.Relu, false, 0.3, false },
        { Activation.Linear, false, 0.3, false },
        { Activation.Tanh, false, 0.3, false },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Backward_matches_finite_differences(Activation activation, bool batchNorm, double dropout, bool headHidden)
    {
        var heads = new[]
        {
            new HeadSpec("y", "Y", HeadTask.Regression, false, headHidden ? new[] { 3 } : []),
            new HeadSpec("z", "Z", HeadTask.Binary, false, []),
        };
        var model = new ModelSpec(new[] { 5, 4 }, activation, dropout, batchNorm, Initializer.GlorotUniform);
        var network = new MultiHeadNetwork(3, model, heads, Rows);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(7));
        var random = new DeterministicRandom(11);
        ShiftBiases(network, random);

        var inputs = Enumerable.Range(0, Rows * 3).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var targets = new[]
        {
            Enumerable.Range(0, Rows).Select(_ => (float)(3 * random.NextDouble())).ToArray(),
            Enumerable.Range(0, Rows).Select(i => (float)(i % 2)).ToArray(),
        };

        // Routed coefficients: head parameters see headScales, the trunk trunkScales.
        var headScales = new[] { 0.7f, 1.9f };
        var trunkScales = new[] { 1.3f, 0.4f };
        network.Forward(inputs, Rows, training: true, new DeterministicRandom(3));
        var gradients = new float[2][];
        for (var h = 0; h < 2; h++)
        {
            gradients[h] = new float[Rows];
            TaskLoss.Compute(heads[h].Task, network.Heads[h].Prediction, targets[h], gradients[h], Rows);
        }

        network.Backward(inputs, Rows, gradients, headScales, trunkScales);

        var masks = network.Trunk.Select(block => block.DropoutMask.ToArray().Select(v => (double)v).ToArray()).ToArray();
        if (dropout > 0)
        {
            masks.ShouldAllBe(mask => mask.Length > 0 && mask.Contains(0.0));
        }

        ShouldMatchReference(network, new ReferenceNetwork(network, activation, masks), inputs, targets, headScales, trunkScales);
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    public void Backward_of_multi_class_and_multi_label_heads_with_missing_labels_matches_finite_differences(Activation activation)
    {
        var heads = new[]
        {
            new HeadSpec("y", "Y", HeadTask.Regression, false, new[] { 3 }),
            new HeadSpec("c", "C", HeadTask.MultiClass, false, new[] { 4 }, Classes: 3),
            new HeadSpec("m", "M", HeadTask.MultiLabel, false, [], Classes: 2),
        };
        var model = new ModelSpec(new[] { 5, 4 }, activation, 0.0, false, Initializer.GlorotUniform);
        var network = new MultiHeadNetwork(3, model, heads, Rows);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(23));
        var random = new DeterministicRandom(29);
        ShiftBiases(network, random);
        var inputs = Enumerable.Range(0, Rows * 3).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var targets = new[]
        {
            Enumerable.Range(0, Rows).Select(r => r == 2 ? float.NaN : (float)(3 * random.NextDouble())).ToArray(),
            Enumerable.Range(0, Rows).Select(r => r == 5 ? float.NaN : r % 3).ToArray(),
            Enumerable.Range(0, Rows * 2).Select(i => i is 2 or 9 ? float.NaN : (i / 2 + i / 3) % 2).ToArray(),
        };

        // The multi-class head's trunk gradient is half its head gradient (a trunk route of its own).
        var terms = heads.Select(head => (ILossTerm)new HeadTaskTerm(head.Task, RegressionLoss.Mse, head.Classes)).ToArray();
        var objective = new RoutedObjective(
            [
                new HeadRoute([(terms[0], 1d)], 0.7f, 1.3f),
                new HeadRoute([(terms[1], 1d)], 1.9f, 0.4f, [(terms[1], 0.5)]),
                new HeadRoute([(terms[2], 1d)], 1.1f, 0.8f),
            ],
            network);
        var batch = new TrainingBatch(targets, new Dictionary<string, int[]>()) { Rows = Rows };
        network.Forward(inputs, Rows, training: true, null);
        var gradients = heads.Select(head => new float[Rows * head.Outputs]).ToArray();
        var headScales = new float[3];
        var trunkScales = new float[3];
        var trunkGradients = new float[]?[3];
        objective.Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients);
        network.Backward(inputs, Rows, gradients, headScales, trunkScales, trunkGradients);

        ShouldMatchReference(
            network, new ReferenceNetwork(network, activation, [[], []]), inputs, targets, headScales, [trunkScales[0], 0.5f * trunkScales[1], trunkScales[2]]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_separate_trunk_gradient_reaches_the_trunk_while_the_head_keeps_its_own(bool headHidden)
    {
        var heads = new[]
        {
            new HeadSpec("y", "Y", HeadTask.Regression, false, headHidden ? new[] { 3 } : []),
            new HeadSpec("z", "Z", HeadTask.Binary, false, []),
        };
        var model = new ModelSpec(new[] { 5 }, Activation.Tanh, 0.0, false, Initializer.GlorotUniform);
        var network = new MultiHeadNetwork(3, model, heads, Rows);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(17));
        var random = new DeterministicRandom(19);
        var inputs = Enumerable.Range(0, Rows * 3).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        float[] Values(double scale) => Enumerable.Range(0, Rows).Select(_ => (float)(scale * random.NextDouble())).ToArray();
        var headTargets = new[] { Values(3), Enumerable.Range(0, Rows).Select(i => (float)(i % 2)).ToArray() };
        var trunkTargets = new[] { Values(3), headTargets[1] };

        network.Forward(inputs, Rows, training: true, null);
        var gradients = new float[2][];
        var trunkGradients = new float[]?[2];
        for (var h = 0; h < 2; h++)
        {
            gradients[h] = new float[Rows];
            TaskLoss.Compute(heads[h].Task, network.Heads[h].Prediction, headTargets[h], gradients[h], Rows);
        }

        trunkGradients[0] = new float[Rows];
        TaskLoss.Compute(heads[0].Task, network.Heads[0].Prediction, trunkTargets[0], trunkGradients[0], Rows);
        network.Backward(inputs, Rows, gradients, [1f, 1f], [0.5f, 1f], trunkGradients);

        // Head parameters: d L(head targets) / d theta. Trunk: 0.5 d L_y(trunk targets) + d L_z.
        var reference = new ReferenceNetwork(network, Activation.Tanh, [[]]);
        var values = network.Parameters.Select(p => p.Value.Select(v => (double)v).ToArray()).ToArray();
        var x = inputs.Select(v => (double)v).ToArray();
        double[][] Doubles(float[][] rows) => rows.Select(row => row.Select(v => (double)v).ToArray()).ToArray();
        for (var p = 0; p < values.Length; p++)
        {
            var parameter = network.Parameters[p];
            for (var i = 0; i < values[p].Length; i++)
            {
                var original = values[p][i];
                const double step = 1e-6;
                double Derivative(float[][] targets, int head)
                {
                    values[p][i] = original + step;
                    var plus = reference.Losses(values, x, Rows, Doubles(targets))[head];
                    values[p][i] = original - step;
                    var minus = reference.Losses(values, x, Rows, Doubles(targets))[head];
                    values[p][i] = original;
                    return (plus - minus) / (2 * step);
                }

                var expected = parameter.Group == "trunk"
                    ? (0.5 * Derivative(trunkTargets, 0)) + Derivative(trunkTargets, 1)
                    : parameter.Group == "head:y" ? Derivative(headTargets, 0) : Derivative(headTargets, 1);
                Math.Abs(parameter.Gradient[i] - expected).ShouldBeLessThan(2e-4 + 2e-3 * Math.Abs(expected), $"{parameter.Name}[{i}]");
            }
        }
    }

    [Fact]
    public void Forward_matches_the_double_precision_reference()
    {
        var heads = new[] { new HeadSpec("y", "Y", HeadTask.Regression, false, []) };
        var model = new ModelSpec(new[] { 6, 5 }, Activation.Relu, 0, true, Initializer.HeNormal);
        var network = new MultiHeadNetwork(4, model, heads, Rows);
        network.Initialize(Initializer.HeNormal, new DeterministicRandom(5));
        var random = new DeterministicRandom(9);
        var inputs = Enumerable.Range(0, Rows * 4).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var targets = new[] { Enumerable.Range(0, Rows).Select(i => (float)i).ToArray() };
        network.Forward(inputs, Rows, training: true, null);
        var loss = TaskLoss.Compute(HeadTask.Regression, network.Heads[0].Prediction, targets[0], Span<float>.Empty, Rows);

        var reference = new ReferenceNetwork(network, Activation.Relu, [[], []]);
        var expected = reference.Losses(
            network.Parameters.Select(p => p.Value.Select(v => (double)v).ToArray()).ToArray(),
            inputs.Select(v => (double)v).ToArray(),
            Rows,
            targets.Select(row => row.Select(v => (double)v).ToArray()).ToArray())[0];
        loss.ShouldBe(expected, 1e-4 * Math.Max(1, expected));
    }

    /// <summary>
    /// Non-zero biases: with zero biases a row whose inputs are all dropped sits exactly on the ReLU kink, where a finite
    /// difference measures half the one-sided derivative.
    /// </summary>
    private static void ShiftBiases(MultiHeadNetwork network, DeterministicRandom random)
    {
        foreach (var p in network.Parameters.Where(p => p.Name.Contains(".bn.") || p.Name.EndsWith(".bias", StringComparison.Ordinal)))
        {
            for (var i = 0; i < p.Value.Length; i++)
            {
                p.Value[i] += (float)(0.5 * random.NextDouble() - 0.25);
            }
        }
    }

    /// <summary>
    /// Every parameter's gradient against central differences of the reference's per-head losses: head h's parameters
    /// should hold <paramref name="headScales"/>[h] dL_h, the trunk's sum_h <paramref name="trunkScales"/>[h] dL_h.
    /// </summary>
    private static void ShouldMatchReference(
        MultiHeadNetwork network, ReferenceNetwork reference, float[] inputs, float[][] targets, float[] headScales, float[] trunkScales)
    {
        var values = network.Parameters.Select(p => p.Value.Select(v => (double)v).ToArray()).ToArray();
        var x = inputs.Select(v => (double)v).ToArray();
        var t = targets.Select(row => row.Select(v => (double)v).ToArray()).ToArray();
        var checkedCount = 0;
        for (var p = 0; p < values.Length; p++)
        {
            var parameter = network.Parameters[p];
            for (var i = 0; i < values[p].Length; i++)
            {
                var original = values[p][i];
                const double step = 1e-6;
                values[p][i] = original + step;
                var plus = reference.Losses(values, x, Rows, t);
                values[p][i] = original - step;
                var minus = reference.Losses(values, x, Rows, t);
                values[p][i] = original;
                var expected = 0.0;
                for (var h = 0; h < network.Heads.Length; h++)
                {
                    var derivative = (plus[h] - minus[h]) / (2 * step);
                    var scale = parameter.Group == "trunk" ? trunkScales[h] : parameter.Group == "head:" + network.Heads[h].Spec.Name ? headScales[h] : 0f;
                    expected += scale * derivative;
                }

                var actual = parameter.Gradient[i];
                Math.Abs(actual - expected).ShouldBeLessThan(2e-4 + 2e-3 * Math.Abs(expected), $"{parameter.Name}[{i}]");
                checkedCount++;
            }
        }

        checkedCount.ShouldBe(network.Parameters.Sum(p => p.Value.Length));
    }
}
