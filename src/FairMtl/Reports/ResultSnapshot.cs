using System.Globalization;
using System.Text;
using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Sweeps;

namespace FairMtl.Reports;

/// <summary>
/// The text form of an experiment's result tables that snapshot tests approve: a short header (experiment, data file
/// and hash, seeds), then the baseline, sweep and Pareto tables as CSV with every number at a fixed number of
/// significant digits under the invariant culture.
/// </summary>
public static class ResultSnapshot
{
    /// <summary>Significant digits of every number in a snapshot.</summary>
    public const int SignificantDigits = 6;

    private const string SectionMarker = "## ";

    /// <summary>Renders the snapshot text of a result.</summary>
    public static string Render(ExperimentResult result)
    {
        var spec = result.Experiment.Spec;
        var format = "G" + SignificantDigits.ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder()
            .Append("# experiment: ").Append(spec.Name).Append('\n')
            .Append("# data: ").Append(spec.Data.File).Append(" sha256 ").Append(result.Data.Provenance.Sha256).Append('\n')
            .Append("# seeds: ").AppendJoin(", ", spec.Sweep.Seeds).Append('\n');
        Table[] tables =
        [
            ResultTables.Baseline(result), ResultTables.Sweep(result), .. ResultTables.Grid(result) is { } grid ? [grid] : Array.Empty<Table>(),
            ResultTables.Pareto(result), ResultTables.Seeds(result),
        ];
        foreach (var table in tables)
        {
            builder.Append('\n').Append(SectionMarker).Append(table.Name).Append('\n').Append(CsvFormat.Write(table, format));
        }

        return builder.ToString();
    }

    /// <summary>Renders the snapshot text of a comparison: its method, front and run tables.</summary>
    public static string Render(Comparisons.ComparisonResult result) =>
        Render(
            result.Experiment.Spec.Name,
            result.Provenance,
            $"# rows used: {result.Rows.ToString(CultureInfo.InvariantCulture)}, inputs: {result.FeatureNames.Count.ToString(CultureInfo.InvariantCulture)}",
            [
                ComparisonTables.Methods(result),
                ComparisonTables.Front(result),
                .. ComparisonTables.Grid(result) is { } grid ? [grid] : Array.Empty<Table>(),
                ComparisonTables.Runs(result),
            ]);

    /// <summary>Renders the snapshot text of a multi-task comparison: its selected points, runs and references.</summary>
    public static string Render(MultiTask.MultiTaskResult result) =>
        Render(
            result.Experiment.Spec.Name,
            result.Provenance,
            RowsLine(result.Rows, result.Split),
            [
                MultiTaskTables.Methods(result),
                .. MultiTaskTables.Repeated(result) is { } repeated ? [repeated] : Array.Empty<Table>(),
                MultiTaskTables.Runs(result),
                .. MultiTaskTables.Grid(result) is { } grid ? [grid] : Array.Empty<Table>(),
                MultiTaskTables.References(result),
            ]);

    /// <summary>Renders the snapshot text of a FairMT experiment: its methods, per-task tables and runs.</summary>
    public static string Render(FairMt.FairMtResult result) =>
        Render(
            result.Experiment.Spec.Name,
            result.Provenance,
            RowsLine(result.Rows, result.Split) + $"; labelled training rows per task: {string.Join(", ", result.Labelled.Select(n => n.ToString(CultureInfo.InvariantCulture)))}",
            [.. FairMtTables.All(result)]);

    private static string RowsLine(int rows, (int Train, int Validation, int Test) split) =>
        string.Create(CultureInfo.InvariantCulture, $"# rows used: {rows}, split: {split.Train} train, {split.Validation} validation, {split.Test} test");

    private static string Render(string name, IEnumerable<Data.DataFileProvenance> files, string rows, params Table[] tables)
    {
        var format = "G" + SignificantDigits.ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder().Append("# experiment: ").Append(name).Append('\n');
        foreach (var file in files)
        {
            builder.Append("# data: ").Append(Path.GetFileName(file.DisplayPath)).Append(" sha256 ").Append(file.Sha256)
                .Append(" rows ").Append(file.Rows.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        builder.Append(rows).Append('\n');
        foreach (var table in tables)
        {
            builder.Append('\n').Append(SectionMarker).Append(table.Name).Append('\n').Append(CsvFormat.Write(table, format));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Cell-by-cell differences between two snapshots, one line per changed row: which table, which row (with its
    /// key columns: those before <c>epochs</c> or <c>seeds</c>), which columns, old and new values. Empty when the
    /// tables are equal (header lines are compared too).
    /// </summary>
    public static IReadOnlyList<string> Differences(string approved, string received, int maxLines = 30)
    {
        var lines = new List<string>();
        var before = Parse(approved);
        var after = Parse(received);
        foreach (var name in before.Keys.Union(after.Keys))
        {
            if (!before.TryGetValue(name, out var old))
            {
                lines.Add($"{name}: section added");
                continue;
            }

            if (!after.TryGetValue(name, out var @new))
            {
                lines.Add($"{name}: section removed");
                continue;
            }

            CompareSection(name, old, @new, lines);
        }

        return lines.Count <= maxLines ? lines : lines.Take(maxLines).Append($"... and {lines.Count - maxLines} more").ToList();
    }

    private static void CompareSection(string name, List<string[]> old, List<string[]> @new, List<string> lines)
    {
        if (name == "header")
        {
            for (var i = 0; i < Math.Max(old.Count, @new.Count); i++)
            {
                var a = i < old.Count ? old[i][0] : "(none)";
                var b = i < @new.Count ? @new[i][0] : "(none)";
                if (a != b)
                {
                    lines.Add($"header: {a} -> {b}");
                }
            }

            return;
        }

        if (!old[0].SequenceEqual(@new[0]))
        {
            lines.Add($"{name}: columns {string.Join(",", old[0])} -> {string.Join(",", @new[0])}");
            return;
        }

        var header = old[0];
        var keyCount = Array.FindIndex(header, column => column is "epochs" or "seeds");
        keyCount = keyCount < 0 ? 1 : keyCount;
        var rows = Math.Max(old.Count, @new.Count) - 1;
        for (var r = 1; r <= rows; r++)
        {
            if (r >= old.Count)
            {
                lines.Add($"{name} row {r}: added ({string.Join(",", @new[r])})");
                continue;
            }

            if (r >= @new.Count)
            {
                lines.Add($"{name} row {r}: removed ({string.Join(",", old[r])})");
                continue;
            }

            var changes = Enumerable.Range(0, header.Length)
                .Where(c => Cell(old[r], c) != Cell(@new[r], c))
                .Select(c => $"{header[c]} {Show(Cell(old[r], c))} -> {Show(Cell(@new[r], c))}")
                .ToArray();
            if (changes.Length > 0)
            {
                var key = string.Join(", ", Enumerable.Range(0, keyCount).Select(c => $"{header[c]}={Cell(old[r], c)}"));
                lines.Add($"{name} row {r} ({key}): {string.Join("; ", changes)}");
            }
        }
    }

    private static string Cell(string[] row, int column) => column < row.Length ? row[column] : string.Empty;

    private static string Show(string cell) => cell.Length == 0 ? "(empty)" : cell;

    private static Dictionary<string, List<string[]>> Parse(string text)
    {
        var sections = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        var current = sections["header"] = [];
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(SectionMarker, StringComparison.Ordinal))
            {
                current = sections[line[SectionMarker.Length..]] = [];
            }
            else if (line.Length > 0)
            {
                current.Add(ReferenceEquals(current, sections["header"]) ? [line] : SplitCsv(line));
            }
        }

        return sections;
    }

    private static string[] SplitCsv(string line) =>
        FieldSplitter.Split(line, DataFormat.Csv, ',', SourceLocation.OfFile("snapshot")).Select(field => field.Value).ToArray();
}
