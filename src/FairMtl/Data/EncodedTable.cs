using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// A data section read and encoded for a classification experiment: the kept rows, the model inputs (numeric columns
/// raw, categorical columns one-hot), and the requested text and number columns (labels, sensitive attributes).
/// Nothing is standardised or split here.
/// </summary>
public sealed class EncodedTable
{
    private readonly DataTable _table;

    internal EncodedTable(DataTable table, EncodedFeatures features)
    {
        _table = table;
        Rows = table.RowCount;
        RowFiles = table.RowFiles.ToArray();
        FeatureNames = features.Names;
        FeatureColumns = features.SourceColumns;
        IsIndicator = features.IsIndicator;
        var width = features.Names.Length;
        Features = new double[Rows * width];
        for (var f = 0; f < width; f++)
        {
            var column = features.Columns[f];
            for (var row = 0; row < Rows; row++)
            {
                Features[(row * width) + f] = column[row];
            }
        }
    }

    /// <summary>Kept rows (after <c>data.filter</c> and <c>data.missing</c>), in file order.</summary>
    public int Rows { get; }

    /// <summary>
    /// Per kept row, the 0-based index in <see cref="Files"/> of the file it comes from: 0 for <c>data.file</c>, then
    /// 1, 2, ... for the entries of <c>data.append</c> in order.
    /// </summary>
    public int[] RowFiles { get; }

    /// <summary>
    /// The inputs, in input-column order: a numeric column keeps its name; a categorical column <c>c</c> becomes one input
    /// per category, <c>c=value</c>, categories in ordinal order of their trimmed text (all kept, none dropped).
    /// </summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The data column each input comes from (same order as <see cref="FeatureNames"/>).</summary>
    public IReadOnlyList<string> FeatureColumns { get; }

    /// <summary>True for one-hot inputs (0/1, not to be standardised); false for numeric inputs.</summary>
    public bool[] IsIndicator { get; }

    /// <summary>Row-major <c>[Rows x FeatureNames.Count]</c> inputs, raw (not standardised).</summary>
    public double[] Features { get; }

    /// <summary>Data rows read from all files, before filters and missing-value drops.</summary>
    public int RowsRead => _table.RowsRead;

    /// <summary>Rows dropped for a <c>data.missing</c> marker in a used column.</summary>
    public int DroppedMissing => _table.DroppedMissing;

    /// <summary>Rows that failed a <c>data.filter</c> condition.</summary>
    public int FilteredOut => _table.FilteredOut;

    /// <summary>Every file read (<c>data.file</c> first), with its displayed path, SHA-256 and rows read.</summary>
    public IReadOnlyList<DataFileProvenance> Files => _table.Files;

    /// <summary>All columns of the data file, in file order.</summary>
    public IReadOnlyList<string> ColumnNames => _table.ColumnNames;

    /// <summary>The trimmed text of a column read as text (a requested text column or a categorical input), per row.</summary>
    /// <exception cref="ArgumentException">The column was not read as text.</exception>
    public string[] Text(string column) => _table.Text(column);

    /// <summary>The values of a column read as numbers (a requested numeric column or a numeric input), per row.</summary>
    /// <exception cref="ArgumentException">The column was not read as numbers.</exception>
    public double[] Number(string column) => _table.Column(column);

    /// <summary>Where the value of a read column on kept row <paramref name="row"/> is: its file, line and character column.</summary>
    /// <exception cref="ArgumentException">The column was not read.</exception>
    public SourceLocation Locate(string column, int row) => _table.Locate(column, row);

    /// <summary>The parsed rows the inputs were encoded from.</summary>
    internal DataTable Parsed => _table;
}
