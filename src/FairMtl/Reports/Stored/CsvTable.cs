using System.Globalization;
using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Reports.Schema;
using FairMtl.Spec;

namespace FairMtl.Reports.Stored;

/// <summary>A CSV result file read back: its header and rows as text, with typed, located access to cells.</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> index;

    private CsvTable(string path, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
        {
            index.TryAdd(columns[c], c);
        }
    }

    /// <summary>The file, as named in errors.</summary>
    public string Path { get; }

    /// <summary>The header.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, each with one field per column.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads <paramref name="path"/> (as written by <see cref="CsvFormat"/>: comma-separated, quoted where needed).</summary>
    /// <exception cref="FairMtlException">The file is missing, empty, or a row has the wrong number of fields.</exception>
    public static CsvTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FairMtlException(DiagnosticCodes.ResultFile, SourceLocation.OfFile(path), "file not found (expected a result file written by a run)");
        }

        var lines = StoredResults.StoredText(path).Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        lines = lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
        if (lines.Length == 0)
        {
            throw new FairMtlException(DiagnosticCodes.ResultFile, SourceLocation.OfFile(path), "the file is empty (expected a header line)");
        }

        var header = Split(lines[0], path, 1);
        var rows = new List<string[]>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var fields = Split(lines[i], path, i + 1);
            if (fields.Length != header.Length)
            {
                throw new FairMtlException(
                    DiagnosticCodes.ResultFile,
                    new SourceLocation(path, i + 1, 1),
                    $"{fields.Length} fields, expected {header.Length} as in the header");
            }

            rows.Add(fields);
        }

        return new CsvTable(path, header, rows);
    }

    /// <summary>Whether the header has <paramref name="column"/>.</summary>
    public bool Has(string column) => index.ContainsKey(column);

    /// <summary>The position of <paramref name="column"/>.</summary>
    /// <exception cref="FairMtlException">The header lacks it.</exception>
    public int IndexOf(string column) => index.TryGetValue(column, out var c)
        ? c
        : throw new FairMtlException(DiagnosticCodes.ResultFile, new SourceLocation(Path, 1, 1), $"no column '{column}' (expected it in the header)");

    /// <summary>The text of a cell.</summary>
    public string Text(int row, string column) => Rows[row][IndexOf(column)];

    /// <summary>A yes/no cell (as the result tables write flags such as <c>on_front</c>): whether it says yes.</summary>
    public bool Flag(int row, string column) => Text(row, column) == RunColumns.Yes;

    /// <summary>A numeric cell; NaN when empty.</summary>
    /// <exception cref="FairMtlException">The cell is neither empty nor a number.</exception>
    public double Number(int row, string column)
    {
        var text = Text(row, column);
        if (text.Length == 0)
        {
            return double.NaN;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FairMtlException(DiagnosticCodes.ResultFile, new SourceLocation(Path, row + 2, 1), $"column '{column}': '{text}' is not a number");
    }

    private static string[] Split(string line, string path, int lineNumber) =>
        FieldSplitter.Split(line, DataFormat.Csv, ',', new SourceLocation(path, lineNumber, 0)).Select(field => field.Value).ToArray();
}
