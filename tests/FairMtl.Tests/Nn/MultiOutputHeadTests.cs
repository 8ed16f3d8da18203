using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Tests.Nn;

/// <summary>Heads with several outputs per row (multi-class and multi-label) and tasks with missing labels.</summary>
public class MultiOutputHeadTests
{
    private const int Rows = 7;
    private const int Features = 3;

    private static readonly HeadSpec[] Heads =
    [
        new HeadSpec("c", "C", HeadTask.MultiClass, false, new[] { 3 }, Classes: 3),
        new HeadSpec("y", "Y", HeadTask.Regression, false, []),
        new HeadSpec("m", "M", HeadTask.MultiLabel, false, [], Classes: 2),
    ];

    [Fact]
    public void A_row_without_a_label_for_a_task_adds_nothing_to_that_tasks_gradients_while_the_other_tasks_use_it()
    {
        const int Missing = 3;
        var network = Network(Rows);
        var inputs = Inputs(Rows, seed: 5);
        var targets = Targets(inputs);
        targets[0][Missing] = float.NaN;
        var changed = (float[])inputs.Clone();
        for (var i = 0; i < Features; i++)
        {
            changed[(Missing * Features) + i] = 3f - (2 * i);
        }

        // The regression and multi-label heads do not reach the trunk: only the multi-class task trains it.
        var (outputs, gradient, parameters) = Step(network, inputs, targets, trunkScales: [1f, 0f, 0f]);
        var (changedOutputs, changedGradient, changedParameters) = Step(network, changed, targets, trunkScales: [1f, 0f, 0f]);

        changedOutputs.AsSpan(Missing * 3, 3).SequenceEqual(outputs.AsSpan(Missing * 3, 3)).ShouldBeFalse();
        gradient.AsSpan(Missing * 3, 3).ToArray().ShouldAllBe(g => g == 0f);
        changedGradient.ShouldBe(gradient);

        // The other rows' gradient is the loss's over the batch without the row.
        var without = outputs.Where((_, i) => i / 3 != Missing).ToArray();
        var withoutTargets = targets[0].Where((_, r) => r != Missing).ToArray();
        var expected = new float[without.Length];
        MaskedTaskLoss.Compute(HeadTask.MultiClass, RegressionLoss.Mse, 3, without, withoutTargets, expected, Rows - 1);
        gradient.Where((_, i) => i / 3 != Missing).ToArray().ShouldBe(expected);

        for (var p = 0; p < parameters.Length; p++)
        {
            var parameter = network.Parameters[p];
            if (parameter.Group == "head:c" || parameter.Group == "trunk")
            {
                changedParameters[p].ShouldBe(parameters[p], parameter.Name);
            }
            else
            {
                changedParameters[p].SequenceEqual(parameters[p]).ShouldBeFalse(parameter.Name);
            }
        }
    }

    [Fact]
    public void Predictions_hold_each_heads_outputs_row_major_across_batches()
    {
        var network = Network(maxRows: 3);
        var inputs = Inputs(Rows, seed: 7);
        var part = new DataPart(Rows, Features, inputs, new Dictionary<string, float[]>(), []);

        var predictions = Predictor.Predict(network, part);

        predictions.Select(p => p.Length).ShouldBe([Rows * 3, Rows, Rows * 2]);
        for (var start = 0; start < Rows; start += 3)
        {
            var count = Math.Min(3, Rows - start);
            network.Forward(inputs.AsSpan(start * Features, count * Features), count, training: false, null);
            for (var h = 0; h < Heads.Length; h++)
            {
                var width = Heads[h].Outputs;
                predictions[h].AsSpan(start * width, count * width).ToArray().ShouldBe(network.Heads[h].Prediction[..(count * width)]);
            }
        }
    }

    [Fact]
    public void Training_with_missing_labels_lowers_every_tasks_masked_loss()
    {
        const int PartRows = 40;
        var inputs = Inputs(PartRows, seed: 11);
        var targets = Targets(inputs);
        targets[0][4] = float.NaN;
        targets[1][7] = float.NaN;
        targets[2][9] = float.NaN;
        var part = new DataPart(
            PartRows, Features, inputs, Heads.Select((head, h) => (head.Name, targets[h])).ToDictionary(x => x.Name, x => x.Item2), new int[PartRows]);
        var network = Network(maxRows: 8);
        var objective = new RoutedObjective(Heads.Select(head => new HeadRoute([(Term(head), 1d)], 1f, 1f)).ToArray(), network);
        var before = Losses(network, part);

        var outcome = new ModelTrainer(network, part, part, 8).Train(
            OptimizerFactory.Create(new OptimizerSpec(OptimizerKind.Adam, 0.01, 0.9, 0.999, 1e-7, 0), network.Parameters),
            objective,
            60,
            null,
            new DeterministicRandom(1),
            new DeterministicRandom(2),
            CancellationToken.None);

        outcome.Succeeded.ShouldBeTrue();
        var after = Losses(network, part);
        for (var h = 0; h < Heads.Length; h++)
        {
            after[h].ShouldBeLessThan(0.7 * before[h], Heads[h].Name);
        }
    }

    private static MultiHeadNetwork Network(int maxRows)
    {
        var model = new ModelSpec(new[] { 6 }, Activation.Tanh, 0.0, false, Initializer.GlorotUniform);
        var network = new MultiHeadNetwork(Features, model, Heads, maxRows);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(3));
        return network;
    }

    private static HeadTaskTerm Term(HeadSpec head) => new(head.Task, RegressionLoss.Mse, head.Classes);

    private static float[] Inputs(int rows, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return Enumerable.Range(0, rows * Features).Select(_ => (float)((2 * random.NextDouble()) - 1)).ToArray();
    }

    /// <summary>Targets the inputs determine: the index of the largest input, the inputs' sum, and whether x0 &gt; 0 and
    /// x1 &gt; x2.</summary>
    private static float[][] Targets(float[] inputs)
    {
        var rows = inputs.Length / Features;
        float X(int r, int i) => inputs[(r * Features) + i];
        return
        [
            Enumerable.Range(0, rows).Select(r => (float)Enumerable.Range(0, Features).MaxBy(i => X(r, i))).ToArray(),
            Enumerable.Range(0, rows).Select(r => X(r, 0) + X(r, 1) + X(r, 2)).ToArray(),
            Enumerable.Range(0, rows * 2).Select(e => e % 2 == 0 ? (X(e / 2, 0) > 0 ? 1f : 0f) : (X(e / 2, 1) > X(e / 2, 2) ? 1f : 0f)).ToArray(),
        ];
    }

    /// <summary>One forward and backward pass through the routed objective of the heads' task losses: the multi-class
    /// head's outputs and output gradient, and a copy of every parameter gradient.</summary>
    private static (float[] Outputs, float[] Gradient, float[][] Parameters) Step(MultiHeadNetwork network, float[] inputs, float[][] targets, float[] trunkScales)
    {
        var objective = new RoutedObjective(Heads.Select((head, h) => new HeadRoute([(Term(head), 1d)], 1f, trunkScales[h])).ToArray(), network);
        var batch = new TrainingBatch(targets, new Dictionary<string, int[]>()) { Rows = Rows };
        var gradients = Heads.Select(head => new float[Rows * head.Outputs]).ToArray();
        var headScales = new float[Heads.Length];
        var scales = new float[Heads.Length];
        var trunkGradients = new float[]?[Heads.Length];
        network.Forward(inputs, Rows, training: true, null);
        objective.Evaluate(network, batch, gradients, headScales, scales, trunkGradients);
        network.Backward(inputs, Rows, gradients, headScales, scales, trunkGradients);
        return (network.Heads[0].Prediction[..(Rows * 3)], gradients[0], network.Parameters.Select(p => p.Gradient.ToArray()).ToArray());
    }

    private static double[] Losses(MultiHeadNetwork network, DataPart part)
    {
        var predictions = Predictor.Predict(network, part);
        return Heads.Select((head, h) => MaskedTaskLoss.Compute(head.Task, RegressionLoss.Mse, head.Classes, predictions[h], part.Targets[head.Name], [], part.Rows)).ToArray();
    }
}
