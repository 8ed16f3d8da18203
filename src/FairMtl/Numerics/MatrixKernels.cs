using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FairMtl.Numerics;

/// <summary>
/// Row-major float32 matrix products for small dense layers.
/// </summary>
/// <remarks>
/// Every output element is a chain of fused multiply-adds over the inner dimension in ascending order, whether a
/// column lands in a vector lane or in the scalar tail. <see cref="Vector256.FusedMultiplyAdd(Vector256{float}, Vector256{float}, Vector256{float})"/>
/// and <see cref="MathF.FusedMultiplyAdd"/> round once and are emulated exactly without FMA hardware, so results are
/// bit-identical with AVX-512, AVX2 or no SIMD at all. Never reduce across lanes here: a horizontal sum would make
/// the summation order depend on the vector width.
/// </remarks>
public static class MatrixKernels
{
    private const int Lanes = 8;

    /// <summary>c[m x n] += a[m x k] * b[k x n].</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        for (var i = 0; i < m; i++)
        {
            AccumulateRow(ref Unsafe.Add(ref c0, i * n), n, ref Unsafe.Add(ref a0, i * k), 1, k, ref b0);
        }
    }

    /// <summary>c[k x n] += transpose(a[m x k]) * b[m x n]; each element sums over the m rows in order.</summary>
    public static void TransposeAMultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        for (var p = 0; p < k; p++)
        {
            AccumulateRow(ref Unsafe.Add(ref c0, p * n), n, ref Unsafe.Add(ref a0, p), k, m, ref b0);
        }
    }

    /// <summary>
    /// cRow[j] += sum over t &lt; count, in order, of a[t * aStride] * b[t * n + j], for every j &lt; n: the one loop
    /// nest behind both products (a row of a times b, or a column of a times b).
    /// </summary>
    private static void AccumulateRow(ref float cRow, int n, ref float a, int aStride, int count, ref float b)
    {
        var j = 0;
        for (; j + 4 * Lanes <= n; j += 4 * Lanes)
        {
            var acc0 = Vector256.LoadUnsafe(ref cRow, (nuint)j);
            var acc1 = Vector256.LoadUnsafe(ref cRow, (nuint)(j + Lanes));
            var acc2 = Vector256.LoadUnsafe(ref cRow, (nuint)(j + 2 * Lanes));
            var acc3 = Vector256.LoadUnsafe(ref cRow, (nuint)(j + 3 * Lanes));
            for (var t = 0; t < count; t++)
            {
                var av = Vector256.Create(Unsafe.Add(ref a, t * aStride));
                ref var bRow = ref Unsafe.Add(ref b, t * n + j);
                acc0 = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref bRow), acc0);
                acc1 = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref bRow, Lanes), acc1);
                acc2 = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref bRow, 2 * Lanes), acc2);
                acc3 = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref bRow, 3 * Lanes), acc3);
            }

            acc0.StoreUnsafe(ref cRow, (nuint)j);
            acc1.StoreUnsafe(ref cRow, (nuint)(j + Lanes));
            acc2.StoreUnsafe(ref cRow, (nuint)(j + 2 * Lanes));
            acc3.StoreUnsafe(ref cRow, (nuint)(j + 3 * Lanes));
        }

        for (; j + Lanes <= n; j += Lanes)
        {
            var acc = Vector256.LoadUnsafe(ref cRow, (nuint)j);
            for (var t = 0; t < count; t++)
            {
                var av = Vector256.Create(Unsafe.Add(ref a, t * aStride));
                acc = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref Unsafe.Add(ref b, t * n + j)), acc);
            }

            acc.StoreUnsafe(ref cRow, (nuint)j);
        }

        for (; j < n; j++)
        {
            var acc = Unsafe.Add(ref cRow, j);
            for (var t = 0; t < count; t++)
            {
                acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, t * aStride), Unsafe.Add(ref b, t * n + j), acc);
            }

            Unsafe.Add(ref cRow, j) = acc;
        }
    }

    /// <summary>
    /// c[m x n] = a[m x k] * transpose(b[n x k]), through <paramref name="scratch"/> (at least k * n floats) holding
    /// the transpose of b, so that the product runs in the same per-element order as <see cref="MultiplyAdd"/>.
    /// </summary>
    public static void MultiplyTransposeB(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, Span<float> scratch, int m, int k, int n)
    {
        var bt = scratch[..(k * n)];
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < k; col++)
            {
                bt[col * n + row] = b[row * k + col];
            }
        }

        c[..(m * n)].Clear();
        MultiplyAdd(a, bt, c, m, k, n);
    }

    /// <summary>sums[n] += the column sums of a[m x n], each summed over the rows in order.</summary>
    public static void AddColumnSums(ReadOnlySpan<float> a, Span<float> sums, int m, int n)
    {
        for (var i = 0; i < m; i++)
        {
            var row = a.Slice(i * n, n);
            var j = 0;
            for (; j + Lanes <= n; j += Lanes)
            {
                var acc = Vector256.Create<float>(sums.Slice(j, Lanes)) + Vector256.Create<float>(row.Slice(j, Lanes));
                acc.CopyTo(sums.Slice(j, Lanes));
            }

            for (; j < n; j++)
            {
                sums[j] += row[j];
            }
        }
    }
}
