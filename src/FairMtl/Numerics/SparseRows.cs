using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FairMtl.Numerics;

/// <summary>
/// The non-zero entries of a batch of input rows, for a layer whose inputs are mostly zero (one-hot columns: Adult's
/// 104 inputs hold about 17 non-zero values a row), and the two products of such a layer over them: the forward
/// product and the weight gradient skip the zero inputs instead of multiplying by them.
/// </summary>
/// <remarks>
/// The dense kernels (<see cref="MatrixKernels"/>) give every output element a chain of fused multiply-adds over the
/// inner dimension in ascending order; these do the same chain without its zero terms. FMA(0, w, acc) is acc for any
/// finite w and any acc other than -0 (which an accumulator of these products reaches only through an underflow below
/// 1e-45), so the results are the dense kernels' bit for bit, with AVX-512, AVX2 or no SIMD at all. Nothing is
/// allocated after construction.
/// </remarks>
public sealed class SparseRows
{
    /// <summary>The largest share of non-zero inputs for which the sparse products are used.</summary>
    public const double MaxDensity = 0.25;

    private readonly int _inputs;
    private readonly int[] _rowStart;
    private readonly int[] _rowColumns;
    private readonly float[] _rowValues;
    private readonly int[] _columnStart;
    private readonly int[] _columnRows;
    private readonly float[] _columnValues;
    private int _rows;
    private bool _columnsReady;

    /// <summary>Buffers for batches of up to <paramref name="maxRows"/> rows of <paramref name="inputs"/> values.</summary>
    public SparseRows(int maxRows, int inputs)
    {
        _inputs = inputs;
        _rowStart = UnitBuffers.Rent<int>(maxRows + 1);
        _rowColumns = UnitBuffers.Rent<int>((maxRows * inputs) + 1);
        _rowValues = UnitBuffers.Rent<float>((maxRows * inputs) + 1);
        _columnStart = UnitBuffers.Rent<int>(inputs + 1);
        _columnRows = UnitBuffers.Rent<int>(maxRows * inputs);
        _columnValues = UnitBuffers.Rent<float>(maxRows * inputs);
    }

    /// <summary>
    /// Reads the non-zero entries of <paramref name="input"/> [rows x inputs]; false (and nothing usable) when more than
    /// <see cref="MaxDensity"/> of them are non-zero, where the dense kernels are faster.
    /// </summary>
    public bool Load(ReadOnlySpan<float> input, int rows)
    {
        var limit = (int)(MaxDensity * rows * _inputs);
        var count = 0;
        ref var columns = ref MemoryMarshal.GetArrayDataReference(_rowColumns);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_rowValues);
        ref var x = ref MemoryMarshal.GetReference(input);
        for (var r = 0; r < rows; r++)
        {
            _rowStart[r] = count;
            ref var row = ref Unsafe.Add(ref x, r * _inputs);
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // Eight inputs at a time: the bits of those that are not zero, visited lowest first.
                for (; k + Vector256<float>.Count <= _inputs; k += Vector256<float>.Count)
                {
                    var nonZero = ~Vector256.Equals(Vector256.LoadUnsafe(ref row, (nuint)k), Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFFu;
                    while (nonZero != 0)
                    {
                        var lane = System.Numerics.BitOperations.TrailingZeroCount(nonZero);
                        Unsafe.Add(ref columns, count) = k + lane;
                        Unsafe.Add(ref values, count) = Unsafe.Add(ref row, k + lane);
                        count++;
                        nonZero &= nonZero - 1;
                    }
                }
            }

            for (; k < _inputs; k++)
            {
                // Branch-free: every entry is written, and kept (the count moves on) only when it is not zero.
                var value = Unsafe.Add(ref row, k);
                Unsafe.Add(ref columns, count) = k;
                Unsafe.Add(ref values, count) = value;
                count += value != 0f ? 1 : 0;
            }

            if (count > limit || (r == 0 && 2 * count > _inputs))
            {
                return false; // dense input (a first row more than half non-zero says so at once)
            }
        }

        _rowStart[rows] = count;
        _rows = rows;
        _columnsReady = false;
        return true;
    }

    /// <summary>
    /// Loads the rows <paramref name="rows"/> of <paramref name="data"/>, in that order, as <see cref="Load"/> would load
    /// them gathered into a batch (the same entries, the same answer): false when the batch is too dense.
    /// </summary>
    public bool LoadRows(SparseRowMatrix data, ReadOnlySpan<int> rows)
    {
        if (data.Columns != _inputs)
        {
            throw new ArgumentException($"The matrix has {data.Columns} columns; the layer takes {_inputs} inputs.", nameof(data));
        }

        var limit = (int)(MaxDensity * rows.Length * _inputs);
        var count = 0;
        var start = data.RowStart;
        for (var r = 0; r < rows.Length; r++)
        {
            _rowStart[r] = count;
            var first = start[rows[r]];
            var length = start[rows[r] + 1] - first;
            if (count + length > limit || (r == 0 && 2 * length > _inputs))
            {
                return false; // as Load: too dense for the sparse products
            }

            data.EntryColumns.AsSpan(first, length).CopyTo(_rowColumns.AsSpan(count, length));
            data.EntryValues.AsSpan(first, length).CopyTo(_rowValues.AsSpan(count, length));
            count += length;
        }

        _rowStart[rows.Length] = count;
        _rows = rows.Length;
        _columnsReady = false;
        return true;
    }

    /// <summary>c[rows x n] += input * b[inputs x n] over the loaded rows; each element's chain in ascending input order.</summary>
    public void MultiplyAdd(ReadOnlySpan<float> b, Span<float> c, int n)
    {
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        for (var r = 0; r < _rows; r++)
        {
            Accumulate(ref Unsafe.Add(ref c0, r * n), _rowStart[r], _rowStart[r + 1], _rowColumns, _rowValues, ref b0, n);
        }
    }

    /// <summary>c[inputs x n] += transpose(input) * g[rows x n] over the loaded rows; each element's chain in ascending
    /// row order.</summary>
    public void TransposeMultiplyAdd(ReadOnlySpan<float> g, Span<float> c, int n)
    {
        BuildColumns();
        ref var g0 = ref MemoryMarshal.GetReference(g);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        for (var k = 0; k < _inputs; k++)
        {
            Accumulate(ref Unsafe.Add(ref c0, k * n), _columnStart[k], _columnStart[k + 1], _columnRows, _columnValues, ref g0, n);
        }
    }

    /// <summary>
    /// cRow[j] = FMA(value[e], b[index[e] * n + j], cRow[j]) for the entries e from <paramref name="first"/> to
    /// <paramref name="end"/> in order, for every j &lt; n: blocks of four vectors held in registers across the entries,
    /// then single vectors, then the scalar tail, each element rounding once per entry.
    /// </summary>
    private static void Accumulate(ref float cRow, int first, int end, int[] index, float[] value, ref float b, int n)
    {
        if (first == end)
        {
            return;
        }

        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            const int Width = 8;
            for (; j + 4 * Width <= n; j += 4 * Width)
            {
                ref var c = ref Unsafe.Add(ref cRow, j);
                var acc0 = Vector256.LoadUnsafe(ref c);
                var acc1 = Vector256.LoadUnsafe(ref c, Width);
                var acc2 = Vector256.LoadUnsafe(ref c, 2 * Width);
                var acc3 = Vector256.LoadUnsafe(ref c, 3 * Width);
                for (var e = first; e < end; e++)
                {
                    var x = Vector256.Create(value[e]);
                    ref var bRow = ref Unsafe.Add(ref b, (index[e] * n) + j);
                    acc0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bRow), acc0);
                    acc1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bRow, Width), acc1);
                    acc2 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bRow, 2 * Width), acc2);
                    acc3 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bRow, 3 * Width), acc3);
                }

                acc0.StoreUnsafe(ref c);
                acc1.StoreUnsafe(ref c, Width);
                acc2.StoreUnsafe(ref c, 2 * Width);
                acc3.StoreUnsafe(ref c, 3 * Width);
            }

            for (; j + Width <= n; j += Width)
            {
                ref var c = ref Unsafe.Add(ref cRow, j);
                var acc = Vector256.LoadUnsafe(ref c);
                for (var e = first; e < end; e++)
                {
                    acc = Vector256.FusedMultiplyAdd(Vector256.Create(value[e]), Vector256.LoadUnsafe(ref Unsafe.Add(ref b, (index[e] * n) + j)), acc);
                }

                acc.StoreUnsafe(ref c);
            }
        }

        for (; j < n; j++)
        {
            ref var cell = ref Unsafe.Add(ref cRow, j);
            var acc = cell;
            for (var e = first; e < end; e++)
            {
                acc = MathF.FusedMultiplyAdd(value[e], Unsafe.Add(ref b, (index[e] * n) + j), acc);
            }

            cell = acc;
        }
    }

    /// <summary>The entries by input column, rows ascending within each (a stable counting sort of the rows' entries).</summary>
    private void BuildColumns()
    {
        if (_columnsReady)
        {
            return;
        }

        Array.Clear(_columnStart);
        var count = _rowStart[_rows];
        for (var e = 0; e < count; e++)
        {
            _columnStart[_rowColumns[e] + 1]++;
        }

        for (var k = 0; k < _inputs; k++)
        {
            _columnStart[k + 1] += _columnStart[k];
        }

        for (var r = 0; r < _rows; r++)
        {
            for (var e = _rowStart[r]; e < _rowStart[r + 1]; e++)
            {
                var k = _rowColumns[e];
                var slot = _columnStart[k]++;
                _columnRows[slot] = r;
                _columnValues[slot] = _rowValues[e];
            }
        }

        // The fill moved each start to the next column's: shift back.
        for (var k = _inputs; k > 0; k--)
        {
            _columnStart[k] = _columnStart[k - 1];
        }

        _columnStart[0] = 0;
        _columnsReady = true;
    }
}
