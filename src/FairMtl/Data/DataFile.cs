using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// The files of a data section (<c>data.file</c>, then each of <c>data.append</c>) read into lines with the column
/// names resolved, before any value is parsed.
/// </summary>
internal sealed class DataFile
{
    private readonly DataSource _source;
    private readonly DataFileLines[] _files;
    private readonly List<(int File, int Number, string Text)> _rows;
    private readonly int _headerLine;
    private readonly int[] _headerColumns;

    private DataFile(
        DataSource source,
        DataFileLines[] files,
        IReadOnlyList<string> columnNames,
        List<(int File, int Number, string Text)> rows,
        int headerLine,
        int[] headerColumns)
    {
        _source = source;
        _files = files;
        ColumnNames = columnNames;
        _rows = rows;
        _headerLine = headerLine;
        _headerColumns = headerColumns;
    }

    /// <summary>The display path of <c>data.file</c>.</summary>
    public string DisplayPath => _files[0].DisplayPath;

    public IReadOnlyList<string> ColumnNames { get; }

    private DataSpec Spec => _source.Spec;

    /// <summary>Reads the files of the regression experiment's data section and resolves its column names.</summary>
    public static DataFile Load(LoadedExperiment experiment) => Load(DataSource.Of(experiment));

    /// <summary>Reads <c>data.file</c> and the appended files and resolves the column names.</summary>
    public static DataFile Load(DataSource source)
    {
        var spec = source.Spec;
        var main = DataFileLines.Read(source, spec.File, "data.file", spec.SkipLines);
        var files = new List<DataFileLines> { main };
        var lines = main.Lines;
        if (lines.Count == 0)
        {
            throw Empty(main, spec, spec.SkipLines);
        }

        string[] names;
        int[] headerColumns;
        var headerLine = 0;
        if (spec.Header)
        {
            headerLine = lines[0].Number;
            var fields = FieldSplitter.Split(
                lines[0].Text, spec.Format, spec.Delimiter, new SourceLocation(main.DisplayPath, headerLine, 0));
            names = fields.Select(f => f.Value.Trim()).ToArray();
            headerColumns = fields.Select(f => f.Column).ToArray();
            lines.RemoveAt(0);
            if (lines.Count == 0)
            {
                throw NoRows(main, headerLine);
            }
        }
        else
        {
            names = spec.Columns.ToArray();
            headerColumns = [];
            var first = lines[0];
            var fields = FieldSplitter.Split(
                first.Text, spec.Format, spec.Delimiter, new SourceLocation(main.DisplayPath, first.Number, 0));
            if (fields.Count != names.Length)
            {
                throw new FairMtlException(
                    DiagnosticCodes.DataFile,
                    new SourceLocation(main.DisplayPath, first.Number, 1),
                    $"the first row of '{main.DisplayPath}' has {fields.Count} fields but data.columns names " +
                    $"{names.Length} columns (expected one name per field)");
            }
        }

        for (var i = 0; i < spec.Append.Count; i++)
        {
            var appended = DataFileLines.Read(source, spec.Append[i].File, $"data.append[{i}].file", spec.Append[i].SkipLines);
            if (appended.Lines.Count == 0)
            {
                throw Empty(appended, spec, spec.Append[i].SkipLines);
            }

            if (spec.Header)
            {
                CheckAppendedHeader(spec, main, appended, names);
            }

            files.Add(appended);
        }

        var rows = new List<(int File, int Number, string Text)>(files.Sum(f => f.Lines.Count));
        for (var f = 0; f < files.Count; f++)
        {
            foreach (var (number, text) in files[f].Lines)
            {
                rows.Add((f, number, text));
            }
        }

        return new DataFile(source, files.ToArray(), names, rows, headerLine, headerColumns);
    }

    /// <summary>
    /// Parses <paramref name="numericColumns"/> as finite numbers and <paramref name="textColumns"/> as trimmed text on
    /// every row that meets <c>data.filter</c> and has no <c>data.missing</c> marker in those columns.
    /// </summary>
    /// <param name="numericColumns">Columns read as numbers.</param>
    /// <param name="textColumns">Columns read as trimmed text (a column may be in both lists).</param>
    /// <param name="categoricalHint">Numeric columns whose non-numeric values get the hint to list them under
    /// <c>data.categorical</c> (the inputs).</param>
    /// <param name="optionalTextColumns">Columns read as trimmed text whose empty fields and <c>data.missing</c> markers do
    /// not drop the row: they read as the empty string (labels that may be missing for one task only).</param>
    public DataTable Parse(
        IReadOnlyList<string> numericColumns,
        IReadOnlyList<string> textColumns,
        IReadOnlyCollection<string> categoricalHint,
        IReadOnlyCollection<string>? optionalTextColumns = null)
    {
        var optional = (optionalTextColumns ?? []).Where(name => !textColumns.Contains(name) && !numericColumns.Contains(name)).Distinct(StringComparer.Ordinal).ToArray();
        var numeric = numericColumns.Distinct(StringComparer.Ordinal).ToArray();
        var text = textColumns.Distinct(StringComparer.Ordinal).Concat(optional).ToArray();
        var readers = numeric.Select((name, k) => new ColumnReader(name, ColumnIndex(name), k, IsText: false, categoricalHint.Contains(name)))
            .Concat(text.Select((name, k) => new ColumnReader(name, ColumnIndex(name), k, IsText: true, Hint: false, Optional: optional.Contains(name))))
            .OrderBy(reader => reader.Index)
            .ThenBy(reader => reader.IsText)
            .ToArray();
        var located = readers.Select(r => (r.Name, r.Index)).Distinct().ToArray();
        var missing = new HashSet<string>(Spec.Missing, StringComparer.Ordinal);
        var filters = RowFilters.Of(Spec.Filters, ColumnIndex, missing);
        var optionalIndices = readers.Where(r => r.Optional).Select(r => r.Index).ToHashSet();
        var checkedForMissing = located.Select(c => c.Index).Where(index => !optionalIndices.Contains(index)).ToArray();
        var used = checkedForMissing.Concat(filters.Columns).Distinct().Order().ToArray();
        var duplicates = Duplicates(numeric.Concat(text).Concat(Spec.Filters.Select(f => f.Column)));

        var values = numeric.Select(_ => new List<double>(_rows.Count)).ToArray();
        var texts = text.Select(_ => new List<string>(_rows.Count)).ToArray();
        var fieldColumns = located.Select(_ => new List<int>(_rows.Count)).ToArray();
        var rowFiles = new List<int>(_rows.Count);
        var lineNumbers = new List<int>(_rows.Count);
        var rowsRead = new int[_files.Length];
        var filteredOut = 0;
        var droppedMissing = 0;
        var expectedCount = ColumnNames.Count;

        foreach (var (file, number, line) in _rows)
        {
            rowsRead[file]++;
            var lineLocation = new SourceLocation(_files[file].DisplayPath, number, 0);
            var fields = FieldSplitter.Split(line, Spec.Format, Spec.Delimiter, lineLocation);
            CheckFieldCount(fields, expectedCount, used, line, lineLocation);
            CheckDuplicates(fields, duplicates, lineLocation);
            if (!filters.Keep(fields))
            {
                filteredOut++;
                continue;
            }

            if (missing.Count > 0 && checkedForMissing.Any(index => missing.Contains(fields[index].Value.Trim())))
            {
                droppedMissing++;
                continue;
            }

            rowFiles.Add(file);
            lineNumbers.Add(number);
            foreach (var reader in readers)
            {
                var field = fields[reader.Index];
                var location = lineLocation with { Column = field.Column };
                if (reader.Optional)
                {
                    var value = field.Value.Trim();
                    texts[reader.Slot].Add(missing.Contains(value) ? string.Empty : value);
                }
                else if (reader.IsText)
                {
                    texts[reader.Slot].Add(ParseText(field, reader.Name, location));
                }
                else
                {
                    values[reader.Slot].Add(ParseNumber(field, reader.Name, location, reader.Hint));
                }
            }

            for (var c = 0; c < located.Length; c++)
            {
                fieldColumns[c].Add(fields[located[c].Index].Column);
            }
        }

        if (lineNumbers.Count == 0)
        {
            throw NothingLeft(_rows.Count, filteredOut, droppedMissing);
        }

        return new DataTable(
            _files.Select((f, i) => new DataFileProvenance(f.DisplayPath, f.Sha256, rowsRead[i])).ToArray(),
            _files[0].FullPath,
            ColumnNames,
            rowFiles.ToArray(),
            lineNumbers.ToArray(),
            Enumerable.Range(0, numeric.Length).ToDictionary(k => numeric[k], k => values[k].ToArray(), StringComparer.Ordinal),
            Enumerable.Range(0, text.Length).ToDictionary(k => text[k], k => texts[k].ToArray(), StringComparer.Ordinal),
            Enumerable.Range(0, located.Length).ToDictionary(c => located[c].Name, c => fieldColumns[c].ToArray(), StringComparer.Ordinal),
            filteredOut,
            droppedMissing);
    }

    /// <summary>
    /// The index of the column's first occurrence. A name the file does not have is FMTL004 at its first reference.
    /// </summary>
    public int ColumnIndex(string name)
    {
        for (var i = 0; i < ColumnNames.Count; i++)
        {
            if (ColumnNames[i] == name)
            {
                return i;
            }
        }

        throw ColumnReferences.Unknown(name, ColumnNames, DisplayPath, _source.Locate(name));
    }

    private static FairMtlException Empty(DataFileLines file, DataSpec spec, int skipped)
    {
        var expected = spec.Header ? "a header line and data rows" : "data rows";
        var detail = skipped == 0
            ? $"data file '{file.DisplayPath}' is empty (expected {expected})"
            : $"data file '{file.DisplayPath}' has nothing after the {skipped} lines skip_lines skips (expected {expected})";
        return new FairMtlException(DiagnosticCodes.DataFile, new SourceLocation(file.DisplayPath, 1, 1), detail);
    }

    private static FairMtlException NoRows(DataFileLines file, int headerLine) =>
        new(
            DiagnosticCodes.DataFile,
            new SourceLocation(file.DisplayPath, headerLine, 1),
            $"data file '{file.DisplayPath}' has a header but no data rows (expected at least one row)");

    private static void CheckAppendedHeader(DataSpec spec, DataFileLines main, DataFileLines appended, string[] names)
    {
        var (headerLine, headerText) = appended.Lines[0];
        var location = new SourceLocation(appended.DisplayPath, headerLine, 0);
        var fields = FieldSplitter.Split(headerText, spec.Format, spec.Delimiter, location);
        for (var i = 0; i < Math.Max(fields.Count, names.Length); i++)
        {
            var name = i < fields.Count ? fields[i].Value.Trim() : null;
            var expected = i < names.Length ? names[i] : null;
            if (name != expected)
            {
                var found = name is null ? "nothing" : $"'{name}'";
                var wanted = expected is null ? "no more columns" : $"'{expected}'";
                throw new FairMtlException(
                    DiagnosticCodes.DataFile,
                    location with { Column = i < fields.Count ? fields[i].Column : headerText.Length + 1 },
                    $"the header of appended file '{appended.DisplayPath}' has {found} as column {i + 1} where " +
                    $"'{main.DisplayPath}' has {wanted} (expected the same columns in the same order)");
            }
        }

        appended.Lines.RemoveAt(0);
        if (appended.Lines.Count == 0)
        {
            throw NoRows(appended, headerLine);
        }
    }

    private static double ParseNumber(TextField field, string column, SourceLocation location, bool categoricalHint)
    {
        var text = field.Value.Trim();
        if (text.Length == 0)
        {
            throw new FairMtlException(
                DiagnosticCodes.MissingValue,
                location,
                $"empty value in column '{column}' (expected a number)");
        }

        var parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
        if (!parsed && IsNonFiniteSpelling(text))
        {
            parsed = true;
            value = double.NaN;
        }

        if (!parsed)
        {
            var hint = categoricalHint ? $"; to use it as a text input, list '{column}' under data.categorical" : string.Empty;
            throw new FairMtlException(
                DiagnosticCodes.NonNumeric,
                location,
                $"non-numeric value '{text}' in column '{column}' (expected a number{hint})");
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

    /// <summary>
    /// Spellings of infinity and NaN that .NET does not parse but other tools write (<c>inf</c> from NumPy and C,
    /// <c>.inf</c> from YAML, <c>∞</c>, MSVC's <c>1.#INF</c>): reported as non-finite values, like <c>NaN</c>,
    /// <c>Infinity</c> and an overflowing <c>1e999</c>, not as text.
    /// </summary>
    private static bool IsNonFiniteSpelling(string text)
    {
        var unsigned = text.Length > 1 && text[0] is '+' or '-' ? text.Substring(1) : text;
        return unsigned.ToLowerInvariant() is "inf" or ".inf" or ".nan" or "∞" or "1.#inf" or "1.#ind" or "1.#qnan" or "nan(ind)";
    }

    private static string ParseText(TextField field, string column, SourceLocation location)
    {
        var text = field.Value.Trim();
        return text.Length > 0
            ? text
            : throw new FairMtlException(
                DiagnosticCodes.MissingValue,
                location,
                $"empty value in column '{column}' (expected a value; list \"\" under data.missing to drop such rows)");
    }

    /// <summary>The used names that occur more than once in the file, with every index of each.</summary>
    private (string Name, int[] Indices)[] Duplicates(IEnumerable<string> usedNames) =>
        usedNames
            .Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Indices: Enumerable.Range(0, ColumnNames.Count).Where(i => ColumnNames[i] == name).ToArray()))
            .Where(entry => entry.Indices.Length > 1)
            .ToArray();

    /// <summary>
    /// A used name that occurs twice is accepted only while both columns hold the same value (COMPAS repeats
    /// <c>decile_score</c> and <c>priors_count</c> with identical values); the first row where they differ is an error
    /// at the name's second occurrence in the header.
    /// </summary>
    private void CheckDuplicates(List<TextField> fields, (string Name, int[] Indices)[] duplicates, SourceLocation lineLocation)
    {
        foreach (var (name, indices) in duplicates)
        {
            var first = fields[indices[0]].Value.Trim();
            for (var k = 1; k < indices.Length; k++)
            {
                var other = fields[indices[k]].Value.Trim();
                if (other == first)
                {
                    continue;
                }

                var location = Spec.Header
                    ? new SourceLocation(DisplayPath, _headerLine, _headerColumns[indices[k]])
                    : _source.Source.Locate($"data.columns[{indices[k]}]");
                throw new FairMtlException(
                    DiagnosticCodes.DataFile,
                    location,
                    $"column '{name}' appears twice in '{DisplayPath}' (columns {indices[0] + 1} and {indices[k] + 1}) " +
                    $"and the two differ on line {lineLocation.Line} of '{lineLocation.File}' ('{first}' and '{other}'); " +
                    "expected unique names, or identical values, for the columns the experiment uses");
            }
        }
    }

    private FairMtlException NothingLeft(int read, int filteredOut, int droppedMissing)
    {
        var key = filteredOut > 0 ? "data.filter" : "data.missing";
        return new FairMtlException(
            DiagnosticCodes.DataFile,
            _source.Source.Locate(key),
            $"no data rows are left in '{DisplayPath}' after data.filter and data.missing ({read} rows read: " +
            $"{filteredOut} filtered out, {droppedMissing} with a missing value); expected at least one row");
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

    /// <summary>How one requested column is read: its field index, its slot among the numeric or text columns.</summary>
    private sealed record ColumnReader(string Name, int Index, int Slot, bool IsText, bool Hint, bool Optional = false);
}
