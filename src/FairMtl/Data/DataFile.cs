using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>A data file read into lines with its column names resolved, before any value is parsed.</summary>
internal sealed class DataFile
{
    private readonly LoadedExperiment _experiment;
    private readonly List<(int Number, string Text)> _rows;
    private readonly int _headerLine;
    private readonly int[] _headerColumns;

    private DataFile(
        LoadedExperiment experiment,
        string displayPath,
        string sha256,
        IReadOnlyList<string> columnNames,
        List<(int Number, string Text)> rows,
        int headerLine,
        int[] headerColumns)
    {
        _experiment = experiment;
        DisplayPath = displayPath;
        Sha256 = sha256;
        ColumnNames = columnNames;
        _rows = rows;
        _headerLine = headerLine;
        _headerColumns = headerColumns;
    }

    public string DisplayPath { get; }

    public string FullPath => _experiment.DataPath;

    public string Sha256 { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    private DataSpec Spec => _experiment.Spec.Data;

    /// <summary>Reads the file named by <c>data.file</c> and resolves its column names.</summary>
    public static DataFile Load(LoadedExperiment experiment)
    {
        var spec = experiment.Spec.Data;
        var fullPath = experiment.DataPath;
        var displayPath = DisplayPaths.For(fullPath, Environment.CurrentDirectory);
        var bytes = ReadBytes(experiment, fullPath);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var lines = new List<(int Number, string Text)>();
        var number = 0;
        foreach (var raw in Decode(bytes).Split('\n'))
        {
            number++;
            var text = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (!FieldSplitter.IsBlank(text))
            {
                lines.Add((number, text));
            }
        }

        if (lines.Count == 0)
        {
            var expected = spec.Header ? "a header line and data rows" : "data rows";
            throw new FairMtlException(
                DiagnosticCodes.DataFile,
                new SourceLocation(displayPath, 1, 1),
                $"data file '{displayPath}' is empty (expected {expected})");
        }

        string[] names;
        int[] headerColumns;
        var headerLine = 0;
        if (spec.Header)
        {
            headerLine = lines[0].Number;
            var fields = FieldSplitter.Split(
                lines[0].Text, spec.Format, spec.Delimiter, new SourceLocation(displayPath, headerLine, 0));
            names = fields.Select(f => f.Value.Trim()).ToArray();
            headerColumns = fields.Select(f => f.Column).ToArray();
            lines.RemoveAt(0);
            if (lines.Count == 0)
            {
                throw new FairMtlException(
                    DiagnosticCodes.DataFile,
                    new SourceLocation(displayPath, headerLine, 1),
                    $"data file '{displayPath}' has a header but no data rows (expected at least one row)");
            }
        }
        else
        {
            names = spec.Columns.ToArray();
            headerColumns = [];
            var first = lines[0];
            var fields = FieldSplitter.Split(
                first.Text, spec.Format, spec.Delimiter, new SourceLocation(displayPath, first.Number, 0));
            if (fields.Count != names.Length)
            {
                throw new FairMtlException(
                    DiagnosticCodes.DataFile,
                    new SourceLocation(displayPath, first.Number, 1),
                    $"the first row of '{displayPath}' has {fields.Count} fields but data.columns names " +
                    $"{names.Length} columns (expected one name per field)");
            }
        }

        return new DataFile(experiment, displayPath, sha256, names, lines, headerLine, headerColumns);
    }

    /// <summary>Parses the given columns of every row as finite numbers.</summary>
    public DataTable Parse(IReadOnlyList<string> usedColumns)
    {
        var indices = usedColumns.Select(ColumnIndex).Distinct().Order().ToArray();
        var values = indices.Select(_ => new double[_rows.Count]).ToArray();
        var fieldColumns = indices.Select(_ => new int[_rows.Count]).ToArray();
        var lineNumbers = new int[_rows.Count];
        var expectedCount = ColumnNames.Count;

        for (var row = 0; row < _rows.Count; row++)
        {
            var (number, text) = _rows[row];
            lineNumbers[row] = number;
            var lineLocation = new SourceLocation(DisplayPath, number, 0);
            var fields = FieldSplitter.Split(text, Spec.Format, Spec.Delimiter, lineLocation);
            CheckFieldCount(fields, expectedCount, indices, text, lineLocation);
            for (var k = 0; k < indices.Length; k++)
            {
                var field = fields[indices[k]];
                fieldColumns[k][row] = field.Column;
                values[k][row] = ParseNumber(field, ColumnNames[indices[k]], lineLocation with { Column = field.Column });
            }
        }

        var valueMap = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var columnMap = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (var k = 0; k < indices.Length; k++)
        {
            valueMap[ColumnNames[indices[k]]] = values[k];
            columnMap[ColumnNames[indices[k]]] = fieldColumns[k];
        }

        return new DataTable(DisplayPath, FullPath, Sha256, ColumnNames, lineNumbers, valueMap, columnMap);
    }

    private static byte[] ReadBytes(LoadedExperiment experiment, string fullPath)
    {
        var location = experiment.Source.Locate("data.file");
        if (Directory.Exists(fullPath))
        {
            throw new FairMtlException(
                DiagnosticCodes.DataFile,
                location,
                $"data file '{fullPath}' is a folder (expected a file; data.file is resolved against '{experiment.BaseDirectory}')");
        }

        try
        {
            return File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FairMtlException(
                DiagnosticCodes.DataFile,
                location,
                $"data file '{fullPath}' not found (expected an existing file; data.file is resolved against '{experiment.BaseDirectory}')");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FairMtlException(
                DiagnosticCodes.DataFile,
                location,
                $"cannot read data file '{fullPath}': {e.Message} (expected a readable file)");
        }
    }

    private static string Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var span = bytes.AsSpan();
        return Encoding.UTF8.GetString(span.StartsWith(bom) ? span[bom.Length..] : span);
    }

    private static double ParseNumber(TextField field, string column, SourceLocation location)
    {
        var text = field.Value.Trim();
        if (text.Length == 0)
        {
            throw new FairMtlException(
                DiagnosticCodes.MissingValue,
                location,
                $"empty value in column '{column}' (expected a number)");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new FairMtlException(
                DiagnosticCodes.NonNumeric,
                location,
                $"non-numeric value '{text}' in column '{column}' (expected a number)");
        }

        if (!double.IsFinite(value))
        {
            throw new FairMtlException(
                DiagnosticCodes.NonFinite,
                location,
                $"non-finite value '{text}' in column '{column}' (expected a finite number)");
        }

        return value;
    }

    private int ColumnIndex(string name)
    {
        var first = -1;
        for (var i = 0; i < ColumnNames.Count; i++)
        {
            if (ColumnNames[i] != name)
            {
                continue;
            }

            if (first < 0)
            {
                first = i;
                continue;
            }

            var location = Spec.Header
                ? new SourceLocation(DisplayPath, _headerLine, _headerColumns[i])
                : _experiment.Source.Locate($"data.columns[{i}]");
            throw new FairMtlException(
                DiagnosticCodes.DataFile,
                location,
                $"column '{name}' appears twice in '{DisplayPath}' (columns {first + 1} and {i + 1}); " +
                "expected unique names for the columns the experiment uses");
        }

        if (first < 0)
        {
            throw ColumnReferences.Unknown(name, ColumnNames, DisplayPath, ColumnReferences.Locate(_experiment, name));
        }

        return first;
    }

    private void CheckFieldCount(
        List<TextField> fields, int expected, int[] usedIndices, string text, SourceLocation lineLocation)
    {
        if (fields.Count > expected)
        {
            throw new FairMtlException(
                DiagnosticCodes.DataFile,
                lineLocation with { Column = fields[expected].Column },
                $"row has {fields.Count} fields (expected {expected}, one per column)");
        }

        if (fields.Count == expected)
        {
            return;
        }

        var end = lineLocation with { Column = text.Length + 1 };
        foreach (var index in usedIndices)
        {
            if (index >= fields.Count)
            {
                throw new FairMtlException(
                    DiagnosticCodes.MissingValue,
                    end,
                    $"missing value for column '{ColumnNames[index]}': row has {fields.Count} fields " +
                    $"(expected {expected}, one per column)");
            }
        }

        throw new FairMtlException(
            DiagnosticCodes.DataFile,
            end,
            $"row has {fields.Count} fields (expected {expected}, one per column)");
    }
}
