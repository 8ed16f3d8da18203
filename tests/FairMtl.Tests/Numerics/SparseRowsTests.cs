using FairMtl.Numerics;

namespace FairMtl.Tests.Numerics;

/// <summary>The sparse products of a first layer give the dense kernels' results bit for bit, and decline dense input.</summary>
public class SparseRowsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(33)]
    [InlineData(64)]
    public void Both_products_equal_the_dense_kernels_bit_for_bit(int n)
    {
        const int Rows = 37;
        const int Inputs = 45;
        var random = new DeterministicRandom((ulong)n);
        // One-hot blocks and a few numeric columns: about 15% non-zero, negative values and exact ones included.
        var input = new float[Rows * Inputs];
        for (var r = 0; r < Rows; r++)
        {
            input[(r * Inputs) + random.NextInt(20)] = 1f;
            input[(r * Inputs) + 20 + random.NextInt(20)] = 1f;
            for (var k = 40; k < Inputs; k++)
            {
                input[(r * Inputs) + k] = random.NextInt(3) == 0 ? 0f : (float)(random.NextDouble() - 0.5) * 3;
            }
        }

        var weights = Enumerable.Range(0, Inputs * n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var bias = Enumerable.Range(0, Rows * n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var gradient = Enumerable.Range(0, Rows * n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var sparse = new SparseRows(64, Inputs);
        sparse.Load(input, Rows).ShouldBeTrue();

        var dense = (float[])bias.Clone();
        MatrixKernels.MultiplyAdd(input, weights, dense, Rows, Inputs, n);
        var skipping = (float[])bias.Clone();
        sparse.MultiplyAdd(weights, skipping, n);
        Bits(skipping).ShouldBe(Bits(dense), "forward");

        var denseGradient = new float[Inputs * n];
        MatrixKernels.TransposeAMultiplyAdd(input, gradient, denseGradient, Rows, Inputs, n);
        var sparseGradient = new float[Inputs * n];
        sparse.TransposeMultiplyAdd(gradient, sparseGradient, n);
        Bits(sparseGradient).ShouldBe(Bits(denseGradient), "weight gradient");
    }

    [Fact]
    public void Input_with_more_than_a_quarter_non_zero_goes_to_the_dense_kernels()
    {
        var sparse = new SparseRows(4, 8);
        var mostlyZero = new float[32];
        mostlyZero[3] = 1f;
        mostlyZero[12] = -2f;
        sparse.Load(mostlyZero, 4).ShouldBeTrue();

        var dense = Enumerable.Range(0, 32).Select(i => i % 3 == 0 ? 0f : 1f).ToArray();
        sparse.Load(dense, 4).ShouldBeFalse();
    }

    [Fact]
    public void Rows_loaded_from_the_matrix_give_what_the_gathered_rows_give_and_are_declined_alike()
    {
        const int Rows = 90;
        const int Inputs = 21;
        const int N = 19;
        var random = new DeterministicRandom(11);
        // Rows with up to four non-zero values and, one in nine, rows with none zero (-0 and NaN among the values): batches
        // on both sides of the density limit, and dense first rows.
        var data = new float[Rows * Inputs];
        for (var r = 0; r < Rows; r++)
        {
            var nonZero = r % 9 == 8 ? Inputs : r % 5;
            for (var k = 0; k < Inputs; k++)
            {
                data[(r * Inputs) + k] = random.NextInt(Inputs) >= nonZero ? (random.NextInt(2) == 0 ? 0f : -0f)
                    : random.NextInt(40) == 0 ? float.NaN : (float)(random.NextDouble() - 0.5);
            }
        }

        var matrix = SparseRowMatrix.From(data, Rows, Inputs, maxDensity: 1.0)!;
        var weights = Enumerable.Range(0, Inputs * N).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var gradient = Enumerable.Range(0, 16 * N).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var (accepted, declined) = (0, 0);
        for (var batch = 0; batch < 200; batch++)
        {
            var count = 1 + random.NextInt(16);
            var rows = Enumerable.Range(0, count).Select(_ => random.NextInt(Rows)).ToArray();
            var gathered = rows.SelectMany(row => data.Skip(row * Inputs).Take(Inputs)).ToArray();
            var (fromMatrix, fromGathered) = (new SparseRows(16, Inputs), new SparseRows(16, Inputs));
            var loaded = fromMatrix.LoadRows(matrix, rows);
            loaded.ShouldBe(fromGathered.Load(gathered, count), $"batch {batch}");
            if (!loaded)
            {
                declined++;
                continue;
            }

            accepted++;
            var (a, b) = (new float[count * N], new float[count * N]);
            fromMatrix.MultiplyAdd(weights, a, N);
            fromGathered.MultiplyAdd(weights, b, N);
            Bits(a).ShouldBe(Bits(b), $"batch {batch}: forward");
            var (ga, gb) = (new float[Inputs * N], new float[Inputs * N]);
            fromMatrix.TransposeMultiplyAdd(gradient, ga, N);
            fromGathered.TransposeMultiplyAdd(gradient, gb, N);
            Bits(ga).ShouldBe(Bits(gb), $"batch {batch}: weight gradient");
        }

        accepted.ShouldBeGreaterThan(20);
        declined.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void A_matrix_is_not_made_of_inputs_denser_than_asked()
    {
        var half = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 1f : 0f).ToArray();
        SparseRowMatrix.From(half, 4, 10, maxDensity: 0.25).ShouldBeNull();
        var matrix = SparseRowMatrix.From(half, 4, 10, maxDensity: 0.5).ShouldNotBeNull();
        (matrix.Rows, matrix.Columns).ShouldBe((4, 10));
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
