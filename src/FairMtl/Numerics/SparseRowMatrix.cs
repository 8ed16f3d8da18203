namespace FairMtl.Numerics;

/// <summary>
/// The non-zero entries of every row of a data part's inputs, read once per unit, so that a training batch's sparse
/// first layer (<see cref="SparseRows.LoadRows"/>) copies each sampled row's entries instead of gathering the row's
/// every input and scanning it for the non-zero ones (on Adult, 104 inputs of which about 17 are not zero).
/// </summary>
/// <remarks>
/// A row's entries are in ascending column order and are exactly the ones <see cref="SparseRows.Load"/> keeps: every
/// value that does not compare equal to zero (-0 is left out, NaN kept). The arrays are rented from the unit's
/// <see cref="UnitBuffers"/>, so the matrix must not outlive its unit.
/// </remarks>
public sealed class SparseRowMatrix
{
    private SparseRowMatrix(int rows, int columns, int[] rowStart, int[] entryColumns, float[] entryValues) =>
        (Rows, Columns, RowStart, EntryColumns, EntryValues) = (rows, columns, rowStart, entryColumns, entryValues);

    /// <summary>Rows of the matrix.</summary>
    public int Rows { get; }

    /// <summary>Inputs of a row.</summary>
    public int Columns { get; }

    /// <summary>Row r's entries are those from <c>RowStart[r]</c> to <c>RowStart[r + 1]</c> (exclusive).</summary>
    internal int[] RowStart { get; }

    /// <summary>Each entry's column.</summary>
    internal int[] EntryColumns { get; }

    /// <summary>Each entry's value.</summary>
    internal float[] EntryValues { get; }

    /// <summary>
    /// The entries of <paramref name="x"/> [rows x columns], or null when more than <paramref name="maxDensity"/> of
    /// them are not zero (a batch of such rows would go to the dense kernels anyway).
    /// </summary>
    public static SparseRowMatrix? From(ReadOnlySpan<float> x, int rows, int columns, double maxDensity)
    {
        var count = 0L;
        foreach (var value in x[..(rows * columns)])
        {
            count += value != 0f ? 1 : 0;
        }

        if (count > maxDensity * rows * columns)
        {
            return null;
        }

        var rowStart = UnitBuffers.Rent<int>(rows + 1);
        var entryColumns = UnitBuffers.RentRounded<int>((int)count);
        var entryValues = UnitBuffers.RentRounded<float>((int)count);
        var e = 0;
        for (var r = 0; r < rows; r++)
        {
            rowStart[r] = e;
            var row = x.Slice(r * columns, columns);
            for (var k = 0; k < columns; k++)
            {
                if (row[k] != 0f)
                {
                    entryColumns[e] = k;
                    entryValues[e] = row[k];
                    e++;
                }
            }
        }

        rowStart[rows] = e;
        return new SparseRowMatrix(rows, columns, rowStart, entryColumns, entryValues);
    }
}
