using FairMtl.Diagnostics;

namespace FairMtl.Data;

/// <summary>
/// A parsed data section: the rows kept after <c>data.filter</c> and <c>data.missing</c>, in file order (<c>data.file</c>
/// first, then each appended file). Only the requested columns are parsed, as numbers or as trimmed text.
/// </summary>
public sealed class DataTable
{
    private readonly Dictionary<string, double[]> _values;
    private readonly Dictionary<string, string[]> _texts;
    private readonly Dictionary<string, int[]> _fieldColumns;
    private readonly int[] _rowFiles;
    private readonly int[] _lineNumbers;

    internal DataTable(
        IReadOnlyList<DataFileProvenance> files,
        string fullPath,
        IReadOnlyList<string> columnNames,
        int[] rowFiles,
        int[] lineNumbers,
        Dictionary<string, double[]> values,
        Dictionary<string, string[]> texts,
        Dictionary<string, int[]> fieldColumns,
        int filteredOut,
        int droppedMissing)
    {
        Files = files;
        FullPath = fullPath;
        ColumnNames = columnNames;
        _rowFiles = rowFiles;
        _lineNumbers = lineNumbers;
        _values = values;
        _texts = texts;
        _fieldColumns = fieldColumns;
        FilteredOut = filteredOut;
        DroppedMissing = droppedMissing;
    }

    /// <summary>The path of <c>data.file</c> as shown in messages: relative to the current directory when under it, else full.</summary>
    public string DisplayPath => Files[0].DisplayPath;

    /// <summary>The full path of <c>data.file</c>.</summary>
    public string FullPath { get; }

    /// <summary>Lowercase hex SHA-256 of <c>data.file</c>'s bytes.</summary>
    public string Sha256 => Files[0].Sha256;

    /// <summary>Every file read, <c>data.file</c> first, with the rows read from each.</summary>
    public IReadOnlyList<DataFileProvenance> Files { get; }

    /// <summary>Number of kept data rows (header, skipped, blank, filtered and dropped lines excluded).</summary>
    public int RowCount => _lineNumbers.Length;

    /// <summary>Per kept row, the index in <see cref="Files"/> of the file it comes from (0 = <c>data.file</c>).</summary>
    internal IReadOnlyList<int> RowFiles => _rowFiles;

    /// <summary>Data rows read from all files, before filters and missing-value drops.</summary>
    public int RowsRead => Files.Sum(file => file.Rows);

    /// <summary>Rows that failed a <c>data.filter</c> condition.</summary>
    public int FilteredOut { get; }

    /// <summary>Rows (meeting the filters) dropped for a <c>data.missing</c> marker in a used column.</summary>
    public int DroppedMissing { get; }

    /// <summary>All columns of the file, in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The values of a column read as numbers, one per kept row.</summary>
    /// <exception cref="ArgumentException">The column was not read as numbers.</exception>
    public double[] Column(string name) =>
        _values.TryGetValue(name, out var values)
            ? values
            : throw new ArgumentException($"column '{name}' was not read from '{DisplayPath}' as numbers", nameof(name));

    /// <summary>The trimmed values of a column read as text, one per kept row.</summary>
    /// <exception cref="ArgumentException">The column was not read as text.</exception>
    public string[] Text(string name) =>
        _texts.TryGetValue(name, out var values)
            ? values
            : throw new ArgumentException($"column '{name}' was not read from '{DisplayPath}' as text", nameof(name));

    /// <summary>Where the value of a read column on kept row <paramref name="row"/> (0-based) is: its file, line and column.</summary>
    /// <exception cref="ArgumentException">The column was not read.</exception>
    public SourceLocation Locate(string column, int row) =>
        _fieldColumns.TryGetValue(column, out var columns)
            ? new(Files[_rowFiles[row]].DisplayPath, _lineNumbers[row], columns[row])
            : throw new ArgumentException($"column '{column}' was not read from '{DisplayPath}'", nameof(column));
}
