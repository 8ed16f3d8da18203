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

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
