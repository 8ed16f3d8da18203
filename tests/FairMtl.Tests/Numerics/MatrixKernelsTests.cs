using FairMtl.Numerics;

namespace FairMtl.Tests.Numerics;

public class MatrixKernelsTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(4, 19, 64)]
    [InlineData(32, 64, 32)]
    [InlineData(5, 9, 41)]
    [InlineData(2, 3, 8)]
    public void Products_match_a_naive_double_computation(int m, int k, int n)
    {
        var random = new DeterministicRandom(1);
        var a = Fill(m * k, random);
        var b = Fill(k * n, random);
        var c = Fill(m * n, random);
        var expected = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                expected[i * n + j] = c[i * n + j];
                for (var p = 0; p < k; p++)
                {
                    expected[i * n + j] += (double)a[i * k + p] * b[p * n + j];
                }
            }
        }

        var actual = (float[])c.Clone();
        MatrixKernels.MultiplyAdd(a, b, actual, m, k, n);
        for (var i = 0; i < actual.Length; i++)
        {
            actual[i].ShouldBe((float)expected[i], 1e-4f * (1 + Math.Abs((float)expected[i])));
        }

        // transpose(A^T) * B: feed A^T stored [k x m] to the transposed-A kernel and expect the same product.
        var at = new float[k * m];
        for (var i = 0; i < m; i++)
        {
            for (var p = 0; p < k; p++)
            {
                at[p * m + i] = a[i * k + p];
            }
        }

        var viaTranspose = (float[])c.Clone();
        MatrixKernels.TransposeAMultiplyAdd(at, b, viaTranspose, k, m, n);
        viaTranspose.ShouldBe(actual);

        // A * (B^T)^T with B^T stored [n x k].
        var bt = new float[n * k];
        for (var p = 0; p < k; p++)
        {
            for (var j = 0; j < n; j++)
            {
                bt[j * k + p] = b[p * n + j];
            }
        }

        var viaTransposeB = new float[m * n];
        MatrixKernels.MultiplyTransposeB(a, bt, viaTransposeB, new float[k * n], m, k, n);
        var zeroStart = new float[m * n];
        MatrixKernels.MultiplyAdd(a, b, zeroStart, m, k, n);
        viaTransposeB.ShouldBe(zeroStart);
    }

    [Fact]
    public void Vector_lanes_and_scalar_tail_round_identically()
    {
        // 9 columns: 8 in a vector, 1 in the scalar tail. Column 8 repeats column 0's data, so both paths must agree bit for bit.
        const int k = 50;
        var random = new DeterministicRandom(2);
        var a = Fill(k, random);
        var b = new float[k * 9];
        for (var p = 0; p < k; p++)
        {
            for (var j = 0; j < 8; j++)
            {
                b[p * 9 + j] = (float)random.NextDouble();
            }

            b[p * 9 + 8] = b[p * 9];
        }

        var c = new float[9];
        MatrixKernels.MultiplyAdd(a, b, c, 1, k, 9);
        BitConverter.SingleToInt32Bits(c[8]).ShouldBe(BitConverter.SingleToInt32Bits(c[0]));
    }

    [Fact]
    public void Column_sums_add_every_row()
    {
        var a = new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18 };
        var sums = new float[9];
        sums[0] = 100;
        MatrixKernels.AddColumnSums(a, sums, 2, 9);
        sums.ShouldBe(new float[] { 111, 13, 15, 17, 19, 21, 23, 25, 27 });
    }

    private static float[] Fill(int length, DeterministicRandom random) =>
        Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
}
