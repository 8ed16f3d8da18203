using FairMtl.Diagnostics;

namespace FairMtl.Data;

/// <summary>A parsed data file. Only the requested columns are parsed as numbers.</summary>
public sealed class DataTable
{
    private readonly Dictionary<string, double[]> _values;
    private readonly Dictionary<string, int[]> _fieldColumns;
    private readonly int[] _lineNumbers;

    internal DataTable(
        string displayPath,
        string fullPath,
        string sha256,
        IReadOnlyList<string> columnNames,
        int[] lineNumbers,
        Dictionary<string, double[]> values,
        Dictionary<string, int[]> fieldColumns)
    {
        DisplayPath = displayPath;
        FullPath = fullPath;
        Sha256 = sha256;
        ColumnNames = columnNames;
        _lineNumbers = lineNumbers;
        _values = values;
        _fieldColumns = fieldColumns;
    }

    /// <summary>The path as shown in messages: relative to the current directory when under it, else full.</summary>
    public string DisplayPath { get; }

    /// <summary>The file's full path.</summary>
    public string FullPath { get; }

    /// <summary>Lowercase hex SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; }

    /// <summary>Number of data rows (header and blank lines excluded).</summary>
    public int RowCount => _lineNumbers.Length;

    /// <summary>All columns of the file, in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The values of a requested column, one per data row.</summary>
    /// <exception cref="ArgumentException">The column was not requested when the file was read.</exception>
    public double[] Column(string name) =>
        _values.TryGetValue(name, out var values)
            ? values
            : throw new ArgumentException($"column '{name}' was not read from '{DisplayPath}'", nameof(name));

    /// <summary>Where the value of a requested column on data row <paramref name="row"/> (0-based) is in the file.</summary>
    internal SourceLocation Locate(string column, int row) =>
        new(DisplayPath, _lineNumbers[row], _fieldColumns[column][row]);
}
