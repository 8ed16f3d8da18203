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

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 32, 18, 64 }, { 32, 64, 32 }, { 32, 32, 1 }, { 32, 1, 32 }, { 7, 13, 9 }, { 5, 3, 33 },
        { 3, 40, 2 }, { 32, 12, 64 }, { 17, 8, 16 }, { 6, 5, 7 },
        // Four rows at a time (with AVX-512) and their leftovers: blocks of 32 columns, single vectors after them,
        // the columns past the last vector (n >= 8: the last vector recomputed, only its new lanes kept), k and m
        // not multiples of four; Adult's trunk shapes.
        { 9, 7, 45 }, { 4, 5, 8 }, { 11, 70, 100 }, { 6, 4, 19 }, { 13, 6, 285 }, { 64, 285, 64 }, { 64, 64, 285 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Simd_kernels_agree_with_the_scalar_reference_bit_for_bit(int m, int k, int n)
    {
        var random = new DeterministicRandom((ulong)(m * 10007 + k * 101 + n));
        var a = Fill(m * k, random);
        var b = Fill(k * n, random);
        var c = Fill(m * n, random);
        var simd = (float[])c.Clone();
        var scalar = (float[])c.Clone();
        MatrixKernels.MultiplyAdd(a, b, simd, m, k, n);
        ScalarMatrixKernels.MultiplyAdd(a, b, scalar, m, k, n);
        ShouldHaveSameBits(simd, scalar, "MultiplyAdd");

        var bt = Fill(n * k, random);
        simd = new float[m * n];
        scalar = new float[m * n];
        MatrixKernels.MultiplyTransposeB(a, bt, simd, new float[k * n], m, k, n);
        ScalarMatrixKernels.MultiplyTransposeB(a, bt, scalar, m, k, n);
        ShouldHaveSameBits(simd, scalar, "MultiplyTransposeB");

        var bm = Fill(m * n, random);
        var ck = Fill(k * n, random);
        simd = (float[])ck.Clone();
        scalar = (float[])ck.Clone();
        MatrixKernels.TransposeAMultiplyAdd(a, bm, simd, m, k, n);
        ScalarMatrixKernels.TransposeAMultiplyAdd(a, bm, scalar, m, k, n);
        ShouldHaveSameBits(simd, scalar, "TransposeAMultiplyAdd");

        var sums = Fill(n, random);
        simd = (float[])sums.Clone();
        scalar = (float[])sums.Clone();
        MatrixKernels.AddColumnSums(bm, simd, m, n);
        ScalarMatrixKernels.AddColumnSums(bm, scalar, m, n);
        ShouldHaveSameBits(simd, scalar, "AddColumnSums");
    }

    [Theory]
    [InlineData(64, 32)]
    [InlineData(32, 64)]
    [InlineData(8, 8)]
    [InlineData(19, 27)]
    [InlineData(1, 13)]
    [InlineData(9, 1)]
    public void Transpose_moves_every_element(int rows, int cols)
    {
        var source = Enumerable.Range(0, rows * cols).Select(i => (float)i).ToArray();
        var target = new float[rows * cols];
        MatrixKernels.Transpose(source, target, rows, cols);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                target[c * rows + r].ShouldBe(source[r * cols + c]);
            }
        }
    }

    private static void ShouldHaveSameBits(float[] actual, float[] expected, string kernel) =>
        actual.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits), kernel);

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
