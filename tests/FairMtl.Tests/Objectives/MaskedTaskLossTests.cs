using FairMtl.Objectives;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Tests.Objectives;

public class MaskedTaskLossTests
{
    private const int Rows = 6;

    public static TheoryData<HeadTask, RegressionLoss, int> Tasks => new()
    {
        { HeadTask.Regression, RegressionLoss.Mse, 0 },
        { HeadTask.Regression, RegressionLoss.Mae, 0 },
        { HeadTask.Binary, RegressionLoss.Mse, 0 },
        { HeadTask.MultiClass, RegressionLoss.Mse, 3 },
        { HeadTask.MultiLabel, RegressionLoss.Mse, 3 },
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Gradient_matches_central_finite_differences_with_missing_labels(HeadTask task, RegressionLoss loss, int classes)
    {
        var (outputs, targets) = Batch(task, classes, seed: 3);
        var gradient = FiniteDifferences.ShouldMatch(
            (o, g) => MaskedTaskLoss.Compute(task, loss, classes, o, targets, g, Rows), outputs);

        var width = Outputs(task, classes);
        var targetWidth = task == HeadTask.MultiLabel ? classes : 1;
        for (var i = 0; i < outputs.Length; i++)
        {
            var target = targets[(i / width * targetWidth) + (task == HeadTask.MultiLabel ? i % width : 0)];
            if (float.IsNaN(target))
            {
                gradient[i].ShouldBe(0f, $"entry {i}");
            }
        }
    }

    [Fact]
    public void Regression_losses_average_over_the_labelled_rows()
    {
        float[] outputs = [1f, 2f, 4f, 7f];
        float[] targets = [0f, float.NaN, 1f, 7f];
        var gradient = new float[4];

        MaskedTaskLoss.Compute(HeadTask.Regression, RegressionLoss.Mse, 0, outputs, targets, gradient, 4).ShouldBe((1.0 + 9 + 0) / 3, 1e-12);
        gradient.ShouldBe([2f / 3, 0f, 2f, 0f], 1e-6);
        MaskedTaskLoss.Compute(HeadTask.Regression, RegressionLoss.Mae, 0, outputs, targets, gradient, 4).ShouldBe((1.0 + 3 + 0) / 3, 1e-12);
        gradient.ShouldBe([1f / 3, 0f, 1f / 3, 0f], 1e-7);
    }

    [Fact]
    public void Multi_class_loss_is_the_softmax_cross_entropy_of_the_labelled_rows()
    {
        float[] logits = [1f, 2f, 3f, 5f, 5f, 5f, 0f, -1f, 1000f];
        float[] targets = [2f, float.NaN, 0f];
        var gradient = new float[9];

        var loss = MaskedTaskLoss.Compute(HeadTask.MultiClass, RegressionLoss.Mse, 3, logits, targets, gradient, 3);

        var total = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        loss.ShouldBe((Math.Log(total) - 3 + 1000) / 2, 1e-9);
        gradient[0].ShouldBe((float)(Math.Exp(1) / total / 2), 1e-7f);
        gradient[2].ShouldBe((float)((Math.Exp(3) / total - 1) / 2), 1e-7f);
        gradient.AsSpan(3, 3).ToArray().ShouldBe([0f, 0f, 0f]);
        gradient.AsSpan(6, 3).ToArray().ShouldBe([-0.5f, 0f, 0.5f], 1e-7);
    }

    [Fact]
    public void Multi_label_loss_averages_over_the_labelled_entries()
    {
        float[] logits = [0f, 2f, -1f, 0.5f];
        float[] targets = [1f, float.NaN, 0f, 1f];
        var gradient = new float[4];

        var loss = MaskedTaskLoss.Compute(HeadTask.MultiLabel, RegressionLoss.Mse, 2, logits, targets, gradient, 2);

        loss.ShouldBe((Math.Log(2) + Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-0.5))) / 3, 1e-12);
        gradient[0].ShouldBe((float)((0.5 - 1) / 3), 1e-7f);
        gradient[1].ShouldBe(0f);
    }

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Without_labels_the_value_is_zero_and_the_gradient_zero(HeadTask task, RegressionLoss loss, int classes)
    {
        var (outputs, targets) = Batch(task, classes, seed: 5);
        Array.Fill(targets, float.NaN);
        var gradient = Enumerable.Repeat(float.NaN, outputs.Length).ToArray();

        MaskedTaskLoss.Compute(task, loss, classes, outputs, targets, gradient, Rows).ShouldBe(0d);
        gradient.ShouldAllBe(g => g == 0f);
    }

    [Theory]
    [MemberData(nameof(Tasks))]
    public void An_empty_gradient_gives_the_same_value(HeadTask task, RegressionLoss loss, int classes)
    {
        var (outputs, targets) = Batch(task, classes, seed: 7);
        MaskedTaskLoss.Compute(task, loss, classes, outputs, targets, Span<float>.Empty, Rows)
            .ShouldBe(MaskedTaskLoss.Compute(task, loss, classes, outputs, targets, new float[outputs.Length], Rows));
    }

    [Theory]
    [InlineData(HeadTask.Regression)]
    [InlineData(HeadTask.Binary)]
    public void Fully_labelled_mse_and_cross_entropy_equal_the_task_loss_bit_for_bit(HeadTask task)
    {
        var (outputs, targets) = Batch(task, 0, seed: 9);
        targets = targets.Select((t, i) => float.IsNaN(t) ? i % 2 : t).ToArray();
        var masked = new float[Rows];
        var plain = new float[Rows];

        MaskedTaskLoss.Compute(task, RegressionLoss.Mse, 0, outputs, targets, masked, Rows)
            .ShouldBe(TaskLoss.Compute(task, outputs, targets, plain, Rows));
        masked.ShouldBe(plain);
    }

    [Theory]
    [InlineData(3f)]
    [InlineData(-1f)]
    [InlineData(0.5f)]
    public void A_class_index_outside_the_classes_is_rejected(float target) =>
        Should.Throw<ArgumentOutOfRangeException>(
            () => MaskedTaskLoss.Compute(HeadTask.MultiClass, RegressionLoss.Mse, 3, [0f, 1f, 2f], [target], new float[3], 1));

    [Fact]
    public void The_head_task_term_is_the_masked_loss_of_the_heads_targets()
    {
        var (outputs, targets) = Batch(HeadTask.MultiLabel, 3, seed: 11);
        var batch = new TrainingBatch([new float[Rows], targets], new Dictionary<string, int[]>()) { Rows = Rows };
        var term = new HeadTaskTerm(HeadTask.MultiLabel, RegressionLoss.Mse, 3);
        var gradient = new float[outputs.Length];
        var expected = new float[outputs.Length];

        term.Compute(outputs, batch, 1, gradient)
            .ShouldBe(MaskedTaskLoss.Compute(HeadTask.MultiLabel, RegressionLoss.Mse, 3, outputs, targets, expected, Rows));
        gradient.ShouldBe(expected);
        term.Name.ShouldBe("multi-label binary cross-entropy");
    }

    private static int Outputs(HeadTask task, int classes) => task is HeadTask.MultiClass or HeadTask.MultiLabel ? classes : 1;

    /// <summary>
    /// Outputs in [-2, 2) and targets of the task for <see cref="Rows"/> rows, rows 1 and 4 unlabelled (for multi-label
    /// heads, label 0 of row 1, label 2 of row 3 and every label of row 4). Regression targets lie at least 0.5 from
    /// their outputs, so the MAE's kink is far from every finite-difference step.
    /// </summary>
    private static (float[] Outputs, float[] Targets) Batch(HeadTask task, int classes, int seed)
    {
        var random = new Random(seed);
        var width = Outputs(task, classes);
        var outputs = Enumerable.Range(0, Rows * width).Select(_ => (float)((4 * random.NextDouble()) - 2)).ToArray();
        float[] targets;
        switch (task)
        {
            case HeadTask.Regression:
                targets = outputs.Select(o => o + (float)((random.Next(2) == 0 ? -1 : 1) * (0.5 + random.NextDouble()))).ToArray();
                break;
            case HeadTask.Binary:
                targets = Enumerable.Range(0, Rows).Select(r => (float)(r % 2)).ToArray();
                break;
            case HeadTask.MultiClass:
                targets = Enumerable.Range(0, Rows).Select(r => (float)(r % classes)).ToArray();
                break;
            default:
                targets = Enumerable.Range(0, Rows * classes).Select(i => (float)((i / classes) + i) % 2).ToArray();
                targets[(1 * classes) + 0] = float.NaN;
                targets[(3 * classes) + 2] = float.NaN;
                for (var k = 0; k < classes; k++)
                {
                    targets[(4 * classes) + k] = float.NaN;
                }

                return (outputs, targets);
        }

        targets[1] = float.NaN;
        targets[4] = float.NaN;
        return (outputs, targets);
    }
}
