using FairMtl.Objectives.Fairness;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using FairMtl.Torch.Objectives;
using FairMtl.Training;
using static TorchSharp.torch;

namespace FairMtl.Torch.Tests;

/// <summary>
/// Every batch fairness loss and every routed loss term in torch operations (<see cref="TorchFairnessLosses"/>,
/// <see cref="TorchLossTerms"/>) against the native one on synthetic batches: the same value, and torch's autograd
/// gradient against the native hand-written one, for two and three groups, the degenerate batches (one group present,
/// equal scores, every group loss zero) and the row subsets (unknown groups, negatives, positives, MTA-F's exclusive
/// rows). Both compute in double precision; the native gradient is rounded to float32, so gradients agree to float32
/// rounding (relative 1e-6 of the largest) and values to 1e-12. Where they differ by definition: with saturated logits
/// (|logit| above about 37) the native cross-entropy rounds log(1 + e^-|logit|) to 0 and torch's log1p keeps about 1e-87,
/// so GLF's "every group loss is exactly 0" (Jain's index 0/0, taken as 0) happens on the native engine only.
/// </summary>
public class FairnessLossCrossCheckTests
{
    private const double ValueTolerance = 1e-12;
    private const double GradientTolerance = 1e-6;

    public static TheoryData<FairnessLossKind, int, int> Losses()
    {
        var data = new TheoryData<FairnessLossKind, int, int>();
        foreach (var kind in Enum.GetValues<FairnessLossKind>())
        {
            foreach (var groups in kind is FairnessLossKind.Corr or FairnessLossKind.Mmd ? new[] { 2 } : [2, 3])
            {
                foreach (var seed in new[] { 1, 2, 3 })
                {
                    data.Add(kind, groups, seed);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_fairness_loss_has_the_native_value_and_gradient(FairnessLossKind kind, int groupCount, int seed)
    {
        var random = new Random(seed * 31 + groupCount);
        var rows = 40 + seed;
        var logits = Enumerable.Range(0, rows).Select(_ => (float)(3 * (random.NextDouble() - 0.5))).ToArray();
        var targets = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.4 ? 1f : 0f).ToArray();
        var groups = Enumerable.Range(0, rows).Select(i => i < groupCount ? i : random.Next(groupCount)).ToArray();
        var definition = new FairnessLossDefinition(kind, groupCount, Epsilon: MidGroupLoss(logits, targets, groups, groupCount), Bandwidth: 0.4);

        var (value, gradient) = Native(definition, logits, targets, groups);
        value.ShouldBeGreaterThan(0d, "a batch with every group present has a positive loss");
        ShouldAgree(definition, logits, targets, groups, value, gradient);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_fairness_loss_of_a_batch_with_one_group_is_zero_with_zero_gradient(FairnessLossKind kind)
    {
        float[] logits = [0.3f, -1.2f, 2f, 0.1f];
        float[] targets = [1f, 0f, 1f, 0f];
        int[] groups = [1, 1, 1, 1];
        var definition = new FairnessLossDefinition(kind, 2, 0.1, 0.5);
        var (value, gradient) = Native(definition, logits, targets, groups);
        value.ShouldBe(0d);
        ShouldAgree(definition, logits, targets, groups, value, gradient);
    }

    public static TheoryData<FairnessLossKind> Kinds() => new(Enum.GetValues<FairnessLossKind>());

    [Fact]
    public void The_degenerate_batches_agree()
    {
        // Equal scores: the correlation is 0 (its sd is 0), DPL's groups tie.
        float[] equal = [0.5f, 0.5f, 0.5f, 0.5f];
        float[] targets = [1f, 0f, 1f, 0f];
        int[] two = [0, 1, 0, 1];
        foreach (var kind in new[] { FairnessLossKind.Corr, FairnessLossKind.Dpl, FairnessLossKind.Mmd, FairnessLossKind.Glf })
        {
            var definition = new FairnessLossDefinition(kind, 2, 0.1, 0.5);
            var (value, gradient) = Native(definition, equal, targets, two);
            ShouldAgree(definition, equal, targets, two, value, gradient);
        }
    }

    public static TheoryData<RowSubset, FairnessLossKind, bool> Subsets()
    {
        var data = new TheoryData<RowSubset, FairnessLossKind, bool>();
        foreach (var subset in Enum.GetValues<RowSubset>())
        {
            data.Add(subset, FairnessLossKind.Mmd, false);
            data.Add(subset, FairnessLossKind.Dpl, false);
            data.Add(subset, FairnessLossKind.Corr, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Subsets))]
    public void A_fairness_term_looks_at_the_rows_of_its_subset_whose_group_is_known(RowSubset subset, FairnessLossKind kind, bool summed)
    {
        var random = new Random(5);
        const int rows = 48;
        var logits = Enumerable.Range(0, rows).Select(_ => (float)(2 * (random.NextDouble() - 0.5))).ToArray();
        float[][] targets =
        [
            Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.5 ? 1f : 0f).ToArray(),
            Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.5 ? 1f : 0f).ToArray(),
        ];
        var groups = Enumerable.Range(0, rows).Select(i => i % 7 == 3 ? -1 : random.Next(2)).ToArray();
        var batch = new TrainingBatch(targets, new Dictionary<string, int[]> { ["a"] = groups }) { Rows = rows };
        var term = new FairnessTerm(new FairnessLossDefinition(kind, 2, 0, 0.5), () => "term", "a", rows, subset, [0, 1], summed);
        var nativeGradient = new float[rows];
        var value = term.Compute(logits, batch, 0, nativeGradient);
        value.ShouldBeGreaterThan(0d);

        var heads = new[] { Binary("y"), Binary("z") };
        ShouldAgree(
            outputs => TorchLossTerms.Compute(term, outputs, new TorchBatch(batch, heads), 0), logits, value, nativeGradient);
    }

    [Theory]
    [InlineData(HeadTask.Regression, RegressionLoss.Mse, 1, false)]
    [InlineData(HeadTask.Regression, RegressionLoss.Mae, 1, false)]
    [InlineData(HeadTask.Binary, RegressionLoss.Mse, 1, false)]
    [InlineData(HeadTask.Binary, RegressionLoss.Mse, 1, true)]
    [InlineData(HeadTask.MultiClass, RegressionLoss.Mse, 3, false)]
    [InlineData(HeadTask.MultiLabel, RegressionLoss.Mse, 3, false)]
    [InlineData(HeadTask.MultiLabel, RegressionLoss.Mse, 3, true)]
    public void A_task_term_is_the_mean_or_sum_over_the_labelled_entries(HeadTask task, RegressionLoss loss, int classes, bool summed)
    {
        var random = new Random(9);
        const int rows = 20;
        var width = task is HeadTask.MultiClass or HeadTask.MultiLabel ? classes : 1;
        var targetWidth = task == HeadTask.MultiLabel ? classes : 1;
        var outputs = Enumerable.Range(0, rows * width).Select(_ => (float)(2 * (random.NextDouble() - 0.5))).ToArray();
        var targets = Enumerable.Range(0, rows * targetWidth).Select(i => i % 5 == 2 ? float.NaN : task switch
        {
            HeadTask.Regression => (float)random.NextDouble(),
            HeadTask.MultiClass => random.Next(classes),
            _ => random.Next(2),
        }).ToArray();
        var head = new HeadSpec("h", "h", task, false, EquatableArray<int>.Empty, Classes: task is HeadTask.MultiClass or HeadTask.MultiLabel ? classes : 0);
        var batch = new TrainingBatch([targets], new Dictionary<string, int[]>()) { Rows = rows };
        var term = new HeadTaskTerm(task, loss, classes, summed);
        var nativeGradient = new float[rows * width];
        var value = term.Compute(outputs, batch, 0, nativeGradient);

        ShouldAgree(
            x => TorchLossTerms.Compute(term, x.reshape(rows, width), new TorchBatch(batch, [head]), 0), outputs, value, nativeGradient);
    }

    [Fact]
    public void A_group_task_term_is_the_cross_entropy_over_its_group()
    {
        float[] logits = [0.4f, -0.3f, 1.2f, 0.1f, -0.8f, 2.2f];
        float[][] targets = [[1f, 0f, 1f, 0f, 1f, 0f]];
        var batch = new TrainingBatch(targets, new Dictionary<string, int[]> { ["g"] = [0, 1, 1, 2, 1, 0] }) { Rows = 6 };
        foreach (var group in new[] { 0, 1, 2, 3 })
        {
            var term = new GroupTaskTerm("g", group);
            var gradient = new float[6];
            var value = term.Compute(logits, batch, 0, gradient);
            ShouldAgree(x => TorchLossTerms.Compute(term, x, new TorchBatch(batch, [Binary("y")]), 0), logits, value, gradient);
        }
    }

    /// <summary>BGL's bound: halfway between the smallest and largest group loss, so one group exceeds it and one does not.</summary>
    private static double MidGroupLoss(float[] logits, float[] targets, int[] groups, int groupCount)
    {
        var losses = Enumerable.Range(0, groupCount).Select(group => Enumerable.Range(0, logits.Length)
            .Where(i => groups[i] == group)
            .Average(i => FairMtl.Objectives.TaskLoss.BinaryCrossEntropy(logits[i], targets[i], out _))).ToArray();
        return (losses.Min() + losses.Max()) / 2;
    }

    private static HeadSpec Binary(string name) => new(name, name, HeadTask.Binary, false, EquatableArray<int>.Empty);

    private static (double Value, float[] Gradient) Native(FairnessLossDefinition definition, float[] logits, float[] targets, int[] groups)
    {
        var gradient = new float[logits.Length];
        var value = definition.Create(logits.Length).Compute(logits, targets, groups, logits.Length, gradient);
        return (value, gradient);
    }

    private static void ShouldAgree(FairnessLossDefinition definition, float[] logits, float[] targets, int[] groups, double value, float[] gradient) =>
        ShouldAgree(x => TorchFairnessLosses.Compute(definition, x.to_type(ScalarType.Float64).reshape(-1), targets, groups), logits, value, gradient);

    /// <summary>The torch loss of <paramref name="inputs"/> (a leaf tensor) has <paramref name="value"/> and, by autograd,
    /// <paramref name="gradient"/>.</summary>
    private static void ShouldAgree(Func<Tensor, Tensor> loss, float[] inputs, double value, float[] gradient)
    {
        try
        {
            using var scope = NewDisposeScope();
            var x = tensor(inputs, [inputs.Length, 1]).requires_grad_(true);
            var torchValue = loss(x);
            torchValue.item<double>().ShouldBe(value, ValueTolerance * Math.Max(1d, Math.Abs(value)));
            torchValue.backward();
            var torchGradient = x.grad!.data<float>().ToArray();
            var largest = Math.Max(gradient.Max(Math.Abs), 1e-30f);
            for (var i = 0; i < gradient.Length; i++)
            {
                Math.Abs((double)torchGradient[i] - gradient[i]).ShouldBeLessThanOrEqualTo(GradientTolerance * largest, $"d/d input {i}");
                if (gradient[i] == 0f)
                {
                    // A row the native loss leaves out (or a zero gradient) is exactly zero on torch too.
                    torchGradient[i].ShouldBe(0f, $"d/d input {i}");
                }
            }
        }
        finally
        {
            TorchScalars.Release();
        }
    }
}
