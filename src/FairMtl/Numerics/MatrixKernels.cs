using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        var i = 0;
        if (FourRows)
        {
            for (; i + 4 <= m; i += 4)
            {
                AccumulateFourRows(ref Unsafe.Add(ref c0, i * n), n, scalarTail: false, ref Unsafe.Add(ref a0, i * k), k, 1, k, ref b0);
            }
        }

        for (; i + 2 <= m; i += 2)
        {
            AccumulateTwoRows(ref Unsafe.Add(ref c0, i * n), n, scalarTail: false, ref Unsafe.Add(ref a0, i * k), ref Unsafe.Add(ref a0, (i + 1) * k), 1, k, ref b0);
        }

        for (; i < m; i++)
        {
            AccumulateRow(ref Unsafe.Add(ref c0, i * n), n, scalarTail: false, ref Unsafe.Add(ref a0, i * k), 1, k, ref b0);
        }

        if (n % Lanes != 0 && n >= Lanes)
        {
            AccumulateLastColumns(ref c0, ref a0, ref b0, m, k, n);
            return;
        }

        // The columns past the last full vector (fewer than a vector's columns in all): four rows' chains at a time,
        // so that their latencies overlap.
        for (var j = n - n % Lanes; j < n; j++)
        {
            i = 0;
            for (; i + 4 <= m; i += 4)
            {
                ref var a1 = ref Unsafe.Add(ref a0, i * k);
                ref var c1 = ref Unsafe.Add(ref c0, i * n + j);
                var acc0 = c1;
                var acc1 = Unsafe.Add(ref c1, n);
                var acc2 = Unsafe.Add(ref c1, 2 * n);
                var acc3 = Unsafe.Add(ref c1, 3 * n);
                for (var p = 0; p < k; p++)
                {
                    var bv = Unsafe.Add(ref b0, p * n + j);
                    acc0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref a1, p), bv, acc0);
                    acc1 = MathF.FusedMultiplyAdd(Unsafe.Add(ref a1, k + p), bv, acc1);
                    acc2 = MathF.FusedMultiplyAdd(Unsafe.Add(ref a1, 2 * k + p), bv, acc2);
                    acc3 = MathF.FusedMultiplyAdd(Unsafe.Add(ref a1, 3 * k + p), bv, acc3);
                }

                c1 = acc0;
                Unsafe.Add(ref c1, n) = acc1;
                Unsafe.Add(ref c1, 2 * n) = acc2;
                Unsafe.Add(ref c1, 3 * n) = acc3;
            }

            for (; i < m; i++)
            {
                ref var cell = ref Unsafe.Add(ref c0, i * n + j);
                var acc = cell;
                for (var p = 0; p < k; p++)
                {
                    acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref a0, i * k + p), Unsafe.Add(ref b0, p * n + j), acc);
                }

                cell = acc;
            }
        }
    }

    /// <summary>
    /// The columns of c[m x n] past its last full vector, for n of at least one vector, after every other column is
    /// final: the vector of the last <see cref="Lanes"/> columns is computed again from c's values, and only its lanes
    /// past the last full vector are kept (each such element the same chain over k in order as everywhere else); the
    /// other lanes keep the final values they were loaded with. Four rows at a time.
    /// </summary>
    private static void AccumulateLastColumns(ref float c0, ref float a0, ref float b0, int m, int k, int n)
    {
        var start = n - Lanes;
        var keep = Vector256.GreaterThanOrEqual(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(Lanes - (n % Lanes))).AsSingle();
        var i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref var a1 = ref Unsafe.Add(ref a0, i * k);
            ref var c1 = ref Unsafe.Add(ref c0, i * n + start);
            var w0 = Vector256.LoadUnsafe(ref c1);
            var x0 = Vector256.LoadUnsafe(ref c1, (nuint)n);
            var y0 = Vector256.LoadUnsafe(ref c1, (nuint)(2 * n));
            var z0 = Vector256.LoadUnsafe(ref c1, (nuint)(3 * n));
            var (w, x, y, z) = (w0, x0, y0, z0);
            for (var p = 0; p < k; p++)
            {
                var bv = Vector256.LoadUnsafe(ref Unsafe.Add(ref b0, p * n + start));
                w = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a1, p)), bv, w);
                x = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a1, k + p)), bv, x);
                y = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a1, 2 * k + p)), bv, y);
                z = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a1, 3 * k + p)), bv, z);
            }

            Vector256.ConditionalSelect(keep, w, w0).StoreUnsafe(ref c1);
            Vector256.ConditionalSelect(keep, x, x0).StoreUnsafe(ref c1, (nuint)n);
            Vector256.ConditionalSelect(keep, y, y0).StoreUnsafe(ref c1, (nuint)(2 * n));
            Vector256.ConditionalSelect(keep, z, z0).StoreUnsafe(ref c1, (nuint)(3 * n));
        }

        for (; i < m; i++)
        {
            ref var c1 = ref Unsafe.Add(ref c0, i * n + start);
            var w0 = Vector256.LoadUnsafe(ref c1);
            var w = w0;
            for (var p = 0; p < k; p++)
            {
                w = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a0, i * k + p)), Vector256.LoadUnsafe(ref Unsafe.Add(ref b0, p * n + start)), w);
            }

            Vector256.ConditionalSelect(keep, w, w0).StoreUnsafe(ref c1);
        }
    }

    /// <summary>c[k x n] += transpose(a[m x k]) * b[m x n]; each element sums over the m rows in order.</summary>
    public static void TransposeAMultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        if (n == 1)
        {
            // A column vector: c[p] += sum over i of a[i, p] * b[i]; row i of a is contiguous, so the lanes run over p.
            AccumulateRow(ref c0, k, scalarTail: true, ref b0, 1, m, ref a0);
            return;
        }

        var p = 0;
        if (FourRows)
        {
            for (; p + 4 <= k; p += 4)
            {
                AccumulateFourRows(ref Unsafe.Add(ref c0, p * n), n, scalarTail: true, ref Unsafe.Add(ref a0, p), 1, k, m, ref b0);
            }
        }

        for (; p + 2 <= k; p += 2)
        {
            AccumulateTwoRows(ref Unsafe.Add(ref c0, p * n), n, scalarTail: true, ref Unsafe.Add(ref a0, p), ref Unsafe.Add(ref a0, p + 1), k, m, ref b0);
        }

        for (; p < k; p++)
        {
            AccumulateRow(ref Unsafe.Add(ref c0, p * n), n, scalarTail: true, ref Unsafe.Add(ref a0, p), k, m, ref b0);
        }
    }

    /// <summary>Four output rows at a time need 16 accumulators, four b vectors and a broadcast in registers: only with
    /// the 32 vector registers of AVX-512 (the bits do not depend on it).</summary>
    private static bool FourRows => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// <see cref="AccumulateTwoRows"/> for four consecutive output rows (cRows + r n, r &lt; 4), row r's a values at
    /// a + r <paramref name="aRowStride"/>: each b vector is loaded once for four rows.
    /// </summary>
    private static void AccumulateFourRows(
        ref float cRows, int n, bool scalarTail, ref float a, int aRowStride, int aStride, int count, ref float b)
    {
        ref var a1 = ref Unsafe.Add(ref a, aRowStride);
        ref var a2 = ref Unsafe.Add(ref a, 2 * aRowStride);
        ref var a3 = ref Unsafe.Add(ref a, 3 * aRowStride);
        ref var c1 = ref Unsafe.Add(ref cRows, n);
        ref var c2 = ref Unsafe.Add(ref cRows, 2 * n);
        ref var c3 = ref Unsafe.Add(ref cRows, 3 * n);
        var j = 0;
        for (; j + 4 * Lanes <= n; j += 4 * Lanes)
        {
            var w0 = Vector256.LoadUnsafe(ref cRows, (nuint)j);
            var w1 = Vector256.LoadUnsafe(ref cRows, (nuint)(j + Lanes));
            var w2 = Vector256.LoadUnsafe(ref cRows, (nuint)(j + 2 * Lanes));
            var w3 = Vector256.LoadUnsafe(ref cRows, (nuint)(j + 3 * Lanes));
            var x0 = Vector256.LoadUnsafe(ref c1, (nuint)j);
            var x1 = Vector256.LoadUnsafe(ref c1, (nuint)(j + Lanes));
            var x2 = Vector256.LoadUnsafe(ref c1, (nuint)(j + 2 * Lanes));
            var x3 = Vector256.LoadUnsafe(ref c1, (nuint)(j + 3 * Lanes));
            var y0 = Vector256.LoadUnsafe(ref c2, (nuint)j);
            var y1 = Vector256.LoadUnsafe(ref c2, (nuint)(j + Lanes));
            var y2 = Vector256.LoadUnsafe(ref c2, (nuint)(j + 2 * Lanes));
            var y3 = Vector256.LoadUnsafe(ref c2, (nuint)(j + 3 * Lanes));
            var z0 = Vector256.LoadUnsafe(ref c3, (nuint)j);
            var z1 = Vector256.LoadUnsafe(ref c3, (nuint)(j + Lanes));
            var z2 = Vector256.LoadUnsafe(ref c3, (nuint)(j + 2 * Lanes));
            var z3 = Vector256.LoadUnsafe(ref c3, (nuint)(j + 3 * Lanes));
            for (var t = 0; t < count; t++)
            {
                ref var bRow = ref Unsafe.Add(ref b, t * n + j);
                var b0 = Vector256.LoadUnsafe(ref bRow);
                var b1 = Vector256.LoadUnsafe(ref bRow, Lanes);
                var b2 = Vector256.LoadUnsafe(ref bRow, 2 * Lanes);
                var b3 = Vector256.LoadUnsafe(ref bRow, 3 * Lanes);
                var u = Vector256.Create(Unsafe.Add(ref a, t * aStride));
                w0 = Vector256.FusedMultiplyAdd(u, b0, w0);
                w1 = Vector256.FusedMultiplyAdd(u, b1, w1);
                w2 = Vector256.FusedMultiplyAdd(u, b2, w2);
                w3 = Vector256.FusedMultiplyAdd(u, b3, w3);
                u = Vector256.Create(Unsafe.Add(ref a1, t * aStride));
                x0 = Vector256.FusedMultiplyAdd(u, b0, x0);
                x1 = Vector256.FusedMultiplyAdd(u, b1, x1);
                x2 = Vector256.FusedMultiplyAdd(u, b2, x2);
                x3 = Vector256.FusedMultiplyAdd(u, b3, x3);
                u = Vector256.Create(Unsafe.Add(ref a2, t * aStride));
                y0 = Vector256.FusedMultiplyAdd(u, b0, y0);
                y1 = Vector256.FusedMultiplyAdd(u, b1, y1);
                y2 = Vector256.FusedMultiplyAdd(u, b2, y2);
                y3 = Vector256.FusedMultiplyAdd(u, b3, y3);
                u = Vector256.Create(Unsafe.Add(ref a3, t * aStride));
                z0 = Vector256.FusedMultiplyAdd(u, b0, z0);
                z1 = Vector256.FusedMultiplyAdd(u, b1, z1);
                z2 = Vector256.FusedMultiplyAdd(u, b2, z2);
                z3 = Vector256.FusedMultiplyAdd(u, b3, z3);
            }

            w0.StoreUnsafe(ref cRows, (nuint)j);
            w1.StoreUnsafe(ref cRows, (nuint)(j + Lanes));
            w2.StoreUnsafe(ref cRows, (nuint)(j + 2 * Lanes));
            w3.StoreUnsafe(ref cRows, (nuint)(j + 3 * Lanes));
            x0.StoreUnsafe(ref c1, (nuint)j);
            x1.StoreUnsafe(ref c1, (nuint)(j + Lanes));
            x2.StoreUnsafe(ref c1, (nuint)(j + 2 * Lanes));
            x3.StoreUnsafe(ref c1, (nuint)(j + 3 * Lanes));
            y0.StoreUnsafe(ref c2, (nuint)j);
            y1.StoreUnsafe(ref c2, (nuint)(j + Lanes));
            y2.StoreUnsafe(ref c2, (nuint)(j + 2 * Lanes));
            y3.StoreUnsafe(ref c2, (nuint)(j + 3 * Lanes));
            z0.StoreUnsafe(ref c3, (nuint)j);
            z1.StoreUnsafe(ref c3, (nuint)(j + Lanes));
            z2.StoreUnsafe(ref c3, (nuint)(j + 2 * Lanes));
            z3.StoreUnsafe(ref c3, (nuint)(j + 3 * Lanes));
        }

        // The whole vectors past the last block of four: one at a time for the four rows (four chains in flight
        // instead of one, as row by row).
        for (; j + Lanes <= n; j += Lanes)
        {
            var w = Vector256.LoadUnsafe(ref cRows, (nuint)j);
            var x = Vector256.LoadUnsafe(ref c1, (nuint)j);
            var y = Vector256.LoadUnsafe(ref c2, (nuint)j);
            var z = Vector256.LoadUnsafe(ref c3, (nuint)j);
            for (var t = 0; t < count; t++)
            {
                var bv = Vector256.LoadUnsafe(ref Unsafe.Add(ref b, t * n + j));
                w = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a, t * aStride)), bv, w);
                x = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a1, t * aStride)), bv, x);
                y = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a2, t * aStride)), bv, y);
                z = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a3, t * aStride)), bv, z);
            }

            w.StoreUnsafe(ref cRows, (nuint)j);
            x.StoreUnsafe(ref c1, (nuint)j);
            y.StoreUnsafe(ref c2, (nuint)j);
            z.StoreUnsafe(ref c3, (nuint)j);
        }

        if (j < n)
        {
            AccumulateRemainder(ref cRows, j, n, scalarTail, ref a, aStride, count, ref b);
            AccumulateRemainder(ref c1, j, n, scalarTail, ref a1, aStride, count, ref b);
            AccumulateRemainder(ref c2, j, n, scalarTail, ref a2, aStride, count, ref b);
            AccumulateRemainder(ref c3, j, n, scalarTail, ref a3, aStride, count, ref b);
        }
    }

    /// <summary>
    /// <see cref="AccumulateRow"/> for two consecutive output rows (cRows and cRows + n) that share b: each b vector is
    /// loaded once for both, which is what bounds these small products. Every element keeps its own chain and order.
    /// Columns that do not fill a block of four vectors go through <see cref="AccumulateRemainder"/> row by row.
    /// </summary>
    private static void AccumulateTwoRows(
        ref float cRows, int n, bool scalarTail, ref float a0, ref float a1, int aStride, int count, ref float b)
    {
        ref var c1 = ref Unsafe.Add(ref cRows, n);
        var j = 0;
        for (; j + 4 * Lanes <= n; j += 4 * Lanes)
        {
            var x0 = Vector256.LoadUnsafe(ref cRows, (nuint)j);
            var x1 = Vector256.LoadUnsafe(ref cRows, (nuint)(j + Lanes));
            var x2 = Vector256.LoadUnsafe(ref cRows, (nuint)(j + 2 * Lanes));
            var x3 = Vector256.LoadUnsafe(ref cRows, (nuint)(j + 3 * Lanes));
            var y0 = Vector256.LoadUnsafe(ref c1, (nuint)j);
            var y1 = Vector256.LoadUnsafe(ref c1, (nuint)(j + Lanes));
            var y2 = Vector256.LoadUnsafe(ref c1, (nuint)(j + 2 * Lanes));
            var y3 = Vector256.LoadUnsafe(ref c1, (nuint)(j + 3 * Lanes));
            for (var t = 0; t < count; t++)
            {
                var u = Vector256.Create(Unsafe.Add(ref a0, t * aStride));
                var v = Vector256.Create(Unsafe.Add(ref a1, t * aStride));
                ref var bRow = ref Unsafe.Add(ref b, t * n + j);
                var b0 = Vector256.LoadUnsafe(ref bRow);
                var b1 = Vector256.LoadUnsafe(ref bRow, Lanes);
                var b2 = Vector256.LoadUnsafe(ref bRow, 2 * Lanes);
                var b3 = Vector256.LoadUnsafe(ref bRow, 3 * Lanes);
                x0 = Vector256.FusedMultiplyAdd(u, b0, x0);
                x1 = Vector256.FusedMultiplyAdd(u, b1, x1);
                x2 = Vector256.FusedMultiplyAdd(u, b2, x2);
                x3 = Vector256.FusedMultiplyAdd(u, b3, x3);
                y0 = Vector256.FusedMultiplyAdd(v, b0, y0);
                y1 = Vector256.FusedMultiplyAdd(v, b1, y1);
                y2 = Vector256.FusedMultiplyAdd(v, b2, y2);
                y3 = Vector256.FusedMultiplyAdd(v, b3, y3);
            }

            x0.StoreUnsafe(ref cRows, (nuint)j);
            x1.StoreUnsafe(ref cRows, (nuint)(j + Lanes));
            x2.StoreUnsafe(ref cRows, (nuint)(j + 2 * Lanes));
            x3.StoreUnsafe(ref cRows, (nuint)(j + 3 * Lanes));
            y0.StoreUnsafe(ref c1, (nuint)j);
            y1.StoreUnsafe(ref c1, (nuint)(j + Lanes));
            y2.StoreUnsafe(ref c1, (nuint)(j + 2 * Lanes));
            y3.StoreUnsafe(ref c1, (nuint)(j + 3 * Lanes));
        }

        if (j < n)
        {
            AccumulateRemainder(ref cRows, j, n, scalarTail, ref a0, aStride, count, ref b);
            AccumulateRemainder(ref c1, j, n, scalarTail, ref a1, aStride, count, ref b);
        }
    }

    /// <summary>
    /// cRow[j] += sum over t &lt; count, in order, of a[t * aStride] * b[t * n + j], for every j &lt; n: the one loop
    /// nest behind both products (a row of a times b, or a column of a times b). Without
    /// <paramref name="scalarTail"/> the columns past the last full vector are left to the caller, which has a better
    /// schedule for them.
    /// </summary>
    private static void AccumulateRow(ref float cRow, int n, bool scalarTail, ref float a, int aStride, int count, ref float b) =>
        AccumulateRemainder(ref cRow, 0, n, scalarTail, ref a, aStride, count, ref b);

    /// <summary><see cref="AccumulateRow"/> for the columns from <paramref name="start"/> on.</summary>
    private static void AccumulateRemainder(ref float cRow, int start, int n, bool scalarTail, ref float a, int aStride, int count, ref float b)
    {
        var vectorColumns = n - n % Lanes;
        var j = start;
        for (; j + 4 * Lanes <= vectorColumns; j += 4 * Lanes)
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

        for (; j + Lanes <= vectorColumns; j += Lanes)
        {
            var acc = Vector256.LoadUnsafe(ref cRow, (nuint)j);
            for (var t = 0; t < count; t++)
            {
                var av = Vector256.Create(Unsafe.Add(ref a, t * aStride));
                acc = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref Unsafe.Add(ref b, t * n + j)), acc);
            }

            acc.StoreUnsafe(ref cRow, (nuint)j);
        }

        if (!scalarTail)
        {
            return;
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
        Transpose(b, bt, n, k);
        c[..(m * n)].Clear();
        MultiplyAdd(a, bt, c, m, k, n);
    }

    /// <summary>target[cols x rows] = transpose(source[rows x cols]): 8 x 8 blocks in registers where AVX allows.</summary>
    public static void Transpose(ReadOnlySpan<float> source, Span<float> target, int rows, int cols)
    {
        ref var s0 = ref MemoryMarshal.GetReference(source);
        ref var t0 = ref MemoryMarshal.GetReference(target);
        var blockRows = 0;
        var blockCols = 0;
        if (Avx.IsSupported && rows >= Lanes && cols >= Lanes)
        {
            blockRows = rows - rows % Lanes;
            blockCols = cols - cols % Lanes;
            for (var r = 0; r < blockRows; r += Lanes)
            {
                for (var c = 0; c < blockCols; c += Lanes)
                {
                    TransposeBlock(ref Unsafe.Add(ref s0, r * cols + c), cols, ref Unsafe.Add(ref t0, c * rows + r), rows);
                }
            }
        }

        for (var r = 0; r < rows; r++)
        {
            ref var sourceRow = ref Unsafe.Add(ref s0, r * cols);
            for (var c = r < blockRows ? blockCols : 0; c < cols; c++)
            {
                Unsafe.Add(ref t0, c * rows + r) = Unsafe.Add(ref sourceRow, c);
            }
        }
    }

    private static void TransposeBlock(ref float source, int sourceStride, ref float target, int targetStride)
    {
        var r0 = Vector256.LoadUnsafe(ref source);
        var r1 = Vector256.LoadUnsafe(ref source, (nuint)sourceStride);
        var r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride));
        var r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
        var r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride));
        var r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
        var r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride));
        var r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride));
        var u0 = Avx.UnpackLow(r0, r1);
        var u1 = Avx.UnpackHigh(r0, r1);
        var u2 = Avx.UnpackLow(r2, r3);
        var u3 = Avx.UnpackHigh(r2, r3);
        var u4 = Avx.UnpackLow(r4, r5);
        var u5 = Avx.UnpackHigh(r4, r5);
        var u6 = Avx.UnpackLow(r6, r7);
        var u7 = Avx.UnpackHigh(r6, r7);
        var v0 = Avx.Shuffle(u0, u2, 0x44);
        var v1 = Avx.Shuffle(u0, u2, 0xEE);
        var v2 = Avx.Shuffle(u1, u3, 0x44);
        var v3 = Avx.Shuffle(u1, u3, 0xEE);
        var v4 = Avx.Shuffle(u4, u6, 0x44);
        var v5 = Avx.Shuffle(u4, u6, 0xEE);
        var v6 = Avx.Shuffle(u5, u7, 0x44);
        var v7 = Avx.Shuffle(u5, u7, 0xEE);
        Avx.Permute2x128(v0, v4, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(v1, v5, 0x20).StoreUnsafe(ref target, (nuint)targetStride);
        Avx.Permute2x128(v2, v6, 0x20).StoreUnsafe(ref target, (nuint)(2 * targetStride));
        Avx.Permute2x128(v3, v7, 0x20).StoreUnsafe(ref target, (nuint)(3 * targetStride));
        Avx.Permute2x128(v0, v4, 0x31).StoreUnsafe(ref target, (nuint)(4 * targetStride));
        Avx.Permute2x128(v1, v5, 0x31).StoreUnsafe(ref target, (nuint)(5 * targetStride));
        Avx.Permute2x128(v2, v6, 0x31).StoreUnsafe(ref target, (nuint)(6 * targetStride));
        Avx.Permute2x128(v3, v7, 0x31).StoreUnsafe(ref target, (nuint)(7 * targetStride));
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

    /// <summary>target[i] = fma(scale, source[i], target[i]) for every i &lt; target.Length (element-wise: every element
    /// one fused multiply-add, so any vector width gives the scalar loop's bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScaleAdd(float scale, ReadOnlySpan<float> source, Span<float> target)
    {
        if (source.Length < target.Length)
        {
            throw new ArgumentException("The source of a scaled sum must be as long as its target.", nameof(source));
        }

        ref var x = ref MemoryMarshal.GetReference(source);
        ref var y = ref MemoryMarshal.GetReference(target);
        var length = (nuint)target.Length;
        var factor = Vector256.Create(scale);
        nuint i = 0;
        for (; i + Lanes <= length; i += Lanes)
        {
            Vector256.FusedMultiplyAdd(factor, Vector256.LoadUnsafe(ref x, i), Vector256.LoadUnsafe(ref y, i)).StoreUnsafe(ref y, i);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref y, i) = MathF.FusedMultiplyAdd(scale, Unsafe.Add(ref x, i), Unsafe.Add(ref y, i));
        }
    }

    /// <summary>target[i] = a[i] * b[i] (element-wise; every element one rounding, so any vector width gives the same bits).</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> target)
    {
        if (a.Length != b.Length || target.Length < a.Length)
        {
            throw new ArgumentException("The operands of an element-wise product must have the same length.");
        }

        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        ref var z = ref MemoryMarshal.GetReference(target);
        var length = (nuint)a.Length;
        nuint i = 0;
        for (; i + Lanes <= length; i += Lanes)
        {
            (Vector256.LoadUnsafe(ref x, i) * Vector256.LoadUnsafe(ref y, i)).StoreUnsafe(ref z, i);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref z, i) = Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        }
    }
}
