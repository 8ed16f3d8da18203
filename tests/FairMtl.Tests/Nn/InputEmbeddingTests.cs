using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Spec;

namespace FairMtl.Tests.Nn;

public class InputEmbeddingTests
{
    // Inputs: numeric a, column c one-hot over 3 categories, numeric b, column d one-hot over 2 categories.
    private static readonly string[] Columns = ["a", "c", "c", "c", "b", "d", "d"];
    private static readonly EmbeddingSpec[] Embeddings = [new("c", 2), new("d", 1)];
    private const int Rows = 6;

    private static float[] Inputs()
    {
        var random = new DeterministicRandom(5);
        var x = new float[Rows * Columns.Length];
        for (var r = 0; r < Rows; r++)
        {
            var row = x.AsSpan(r * Columns.Length, Columns.Length);
            row[0] = (float)(2 * random.NextDouble() - 1);
            row[1 + (r % 3)] = 1f;
            row[4] = (float)(2 * random.NextDouble() - 1);
            row[5 + (r % 2)] = 1f;
        }

        return x;
    }

    [Fact]
    public void Each_embedded_column_becomes_its_categorys_row_where_its_one_hot_inputs_were()
    {
        var embedding = InputEmbedding.For(Columns, Embeddings, Rows)!;
        embedding.Initialize(new DeterministicRandom(1));
        var x = Inputs();

        embedding.Outputs.ShouldBe(1 + 2 + 1 + 1);
        embedding.Forward(x, Rows);

        var c = embedding.Parameters[0].Value;
        var d = embedding.Parameters[1].Value;
        for (var r = 0; r < Rows; r++)
        {
            var y = embedding.Output.AsSpan(r * 5, 5).ToArray();
            y.ShouldBe([x[r * 7], c[2 * (r % 3)], c[(2 * (r % 3)) + 1], x[(r * 7) + 4], d[r % 2]]);
        }
    }

    [Fact]
    public void Tables_start_from_a_normal_truncated_at_two_deviations_of_one_over_the_root_of_the_width()
    {
        var embedding = InputEmbedding.For(["c", "c", "c", "c", "c"], [new EmbeddingSpec("c", 400)], 1)!;
        embedding.Initialize(new DeterministicRandom(3));
        var values = embedding.Parameters[0].Value;
        var deviation = 1 / Math.Sqrt(400);

        values.ShouldAllBe(v => Math.Abs(v) <= 2 * deviation + 1e-7);
        var sd = Math.Sqrt(values.Average(v => (double)v * v));
        sd.ShouldBe(0.88 * deviation, 0.03 * deviation); // a N(0, 1) truncated at +-2 has sd 0.88
    }

    [Fact]
    public void Columns_that_are_not_inputs_embed_nothing_and_scattered_inputs_are_refused()
    {
        InputEmbedding.For(Columns, [new EmbeddingSpec("z", 3)], Rows).ShouldBeNull();
        InputEmbedding.For(Columns, [], Rows).ShouldBeNull();
        Should.Throw<ArgumentException>(() => InputEmbedding.For(["c", "a", "c"], [new EmbeddingSpec("c", 2)], Rows));
    }

    [Fact]
    public void Every_gradient_of_a_network_with_embeddings_matches_central_finite_differences()
    {
        var heads = new[] { new HeadSpec("y", "Y", HeadTask.Binary, false, []), new HeadSpec("z", "Z", HeadTask.Regression, false, []) };
        var model = new ModelSpec(new[] { 4 }, Activation.Tanh, 0, false, Initializer.GlorotUniform);
        var network = new MultiHeadNetwork(Columns.Length, model, heads, Rows, InputEmbedding.For(Columns, Embeddings, Rows));
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(2));
        network.Parameters[0].Name.ShouldBe("embedding.c");
        var x = Inputs();
        var targets = new[] { Enumerable.Range(0, Rows).Select(r => (float)(r % 2)).ToArray(), Enumerable.Range(0, Rows).Select(r => (float)(0.3 * r)).ToArray() };
        var gradients = new[] { new float[Rows], new float[Rows] };

        double Loss()
        {
            network.Forward(x, Rows, training: false, null);
            return TaskLoss.Compute(HeadTask.Binary, network.Heads[0].Prediction, targets[0], gradients[0], Rows)
                + (0.5 * TaskLoss.Compute(HeadTask.Regression, network.Heads[1].Prediction, targets[1], gradients[1], Rows));
        }

        Loss();
        network.Backward(x, Rows, gradients, [1f, 0.5f], [1f, 0.5f]);
        var analytic = network.Parameters.Select(p => p.Gradient.ToArray()).ToArray();
        var checkedCount = 0;
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var values = network.Parameters[p].Value;
            for (var i = 0; i < values.Length; i++)
            {
                const float Step = 1e-2f;
                var original = values[i];
                values[i] = original + Step;
                var plus = Loss();
                values[i] = original - Step;
                var minus = Loss();
                values[i] = original;
                var expected = (plus - minus) / ((original + Step) - (original - Step));
                Math.Abs(analytic[p][i] - expected).ShouldBeLessThan(1e-4 + (1e-2 * Math.Abs(expected)), $"{network.Parameters[p].Name}[{i}]");
                checkedCount += network.Parameters[p].Name.StartsWith("embedding.", StringComparison.Ordinal) && Math.Abs(expected) > 1e-4 ? 1 : 0;
            }
        }

        checkedCount.ShouldBeGreaterThan(4, "the embeddings' tables must receive gradients");
    }

    [Fact]
    public void A_wide_block_sums_its_non_zero_inputs_in_ascending_order_bit_for_bit_forward_and_backward()
    {
        // 19 categories: two vectors of the non-zero scan and a tail of three; weights on the inputs as a product
        // allows (several non-zero, -0 counted as zero), in the vectors and in the tail.
        const int Categories = 19;
        const int Width = 11;
        string[] columns = [.. Enumerable.Repeat("c", Categories)];
        var embedding = InputEmbedding.For(columns, [new EmbeddingSpec("c", Width)], 3)!;
        embedding.Initialize(new DeterministicRandom(2));
        var x = new float[3 * Categories];
        (x[0], x[5], x[9], x[17], x[18]) = (0.5f, -0f, 1.75f, -3f, 0.125f);
        (x[Categories + 3], x[Categories + 16]) = (1f, 2.5f);
        x[(2 * Categories) + 8] = -0f;
        var table = embedding.Parameters[0].Value;
        var gradOutput = Enumerable.Range(0, 3 * Width).Select(i => (float)Math.Sin(i + 1)).ToArray();

        embedding.Forward(x, 3);
        embedding.Backward(x, gradOutput);

        var expectedOutput = new float[3 * Width];
        var expectedGradient = new float[Categories * Width];
        for (var r = 0; r < 3; r++)
        {
            for (var k = 0; k < Categories; k++)
            {
                var value = x[(r * Categories) + k];
                if (value == 0f)
                {
                    continue;
                }

                for (var w = 0; w < Width; w++)
                {
                    expectedOutput[(r * Width) + w] = MathF.FusedMultiplyAdd(value, table[(k * Width) + w], expectedOutput[(r * Width) + w]);
                    expectedGradient[(k * Width) + w] = MathF.FusedMultiplyAdd(value, gradOutput[(r * Width) + w], expectedGradient[(k * Width) + w]);
                }
            }
        }

        embedding.Output.AsSpan(0, 3 * Width).ToArray().Select(BitConverter.SingleToInt32Bits).ShouldBe(expectedOutput.Select(BitConverter.SingleToInt32Bits));
        embedding.Parameters[0].Gradient.Select(BitConverter.SingleToInt32Bits).ShouldBe(expectedGradient.Select(BitConverter.SingleToInt32Bits));
        embedding.Output.AsSpan((2 * Width), Width).ToArray().ShouldAllBe(v => BitConverter.SingleToInt32Bits(v) == 0, "a row of zeros and -0 embeds to +0");
    }
}
