using FairMtl.Reports.Schema;
using FairMtl.Sweeps;

namespace FairMtl.Reports;

/// <summary>Writes baseline.csv, sweep.csv, pareto.csv, seeds.csv and summary.json of a result (or methods.csv, front.csv,
/// runs.csv and summary.json of a comparison) into a folder, then report.html and figures/*.svg built from those files.</summary>
public static class ResultWriter
{
    /// <summary>
    /// Renders every file first, then writes each through a temporary name and a rename, so that an error or an
    /// interruption never leaves a half-written result file. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(ExperimentResult result, string directory, CodeVersion version)
    {
        List<(string Name, string Content)> files =
        [
            (Csv(TableNames.Baseline), CsvFormat.Write(ResultTables.Baseline(result))),
            (Csv(TableNames.Sweep), CsvFormat.Write(ResultTables.Sweep(result))),
            .. ResultTables.Grid(result) is { } grid ? [(Csv(TableNames.Grid), CsvFormat.Write(grid))] : Array.Empty<(string, string)>(),
            (Csv(TableNames.Pareto), CsvFormat.Write(ResultTables.Pareto(result))),
            (Csv(TableNames.Seeds), CsvFormat.Write(ResultTables.Seeds(result))),
            ("summary.json", SummaryJson.Write(result, version)),
        ];
        return WriteWithReport(directory, files);
    }

    /// <summary>Renders and writes a comparison's files; same guarantees as for an experiment result.</summary>
    public static IReadOnlyList<string> Write(Comparisons.ComparisonResult result, string directory, CodeVersion version)
    {
        var files = new List<(string Name, string Content)> { (Csv(TableNames.Methods), CsvFormat.Write(ComparisonTables.Methods(result))) };
        if (result.Front.Count > 0)
        {
            files.Add((Csv(TableNames.Front), CsvFormat.Write(ComparisonTables.Front(result))));
            if (ComparisonTables.Grid(result) is { } grid)
            {
                files.Add((Csv(TableNames.Grid), CsvFormat.Write(grid)));
            }
        }

        files.Add((Csv(TableNames.Runs), CsvFormat.Write(ComparisonTables.Runs(result))));
        files.Add(("summary.json", ComparisonSummaryJson.Write(result, version)));
        return WriteWithReport(directory, files);
    }

    /// <summary>Renders and writes a multi-task comparison's methods.csv, repeated.csv (methods at their own setting),
    /// runs.csv, references.csv and summary.json.</summary>
    public static IReadOnlyList<string> Write(MultiTask.MultiTaskResult result, string directory, CodeVersion version) =>
        WriteWithReport(
            directory,
            [
                (Csv(TableNames.Methods), CsvFormat.Write(MultiTaskTables.Methods(result))),
                .. MultiTaskTables.Repeated(result) is { } repeated ? [(Csv(TableNames.Repeated), CsvFormat.Write(repeated))] : Array.Empty<(string, string)>(),
                (Csv(TableNames.Runs), CsvFormat.Write(MultiTaskTables.Runs(result))),
                .. MultiTaskTables.Grid(result) is { } grid ? [(Csv(TableNames.Grid), CsvFormat.Write(grid))] : Array.Empty<(string, string)>(),
                (Csv(TableNames.References), CsvFormat.Write(MultiTaskTables.References(result))),
                ("summary.json", ComparisonSummaryJson.Write(result, version)),
            ]);

    /// <summary>Renders and writes a FairMT experiment's methods.csv, task-&lt;name&gt;.csv per task, runs.csv and summary.json.</summary>
    public static IReadOnlyList<string> Write(FairMt.FairMtResult result, string directory, CodeVersion version) =>
        WriteWithReport(
            directory,
            [.. FairMtTables.All(result).Select(table => (Csv(table.Name), CsvFormat.Write(table))), ("summary.json", ComparisonSummaryJson.Write(result, version))]);

    /// <summary>Writes the result files, then the report read back from them (so that the <c>report</c> command rebuilds
    /// the same bytes).</summary>
    private static IReadOnlyList<string> WriteWithReport(string directory, IReadOnlyList<(string Name, string Content)> files) =>
        [.. ResultFiles.Write(directory, files), .. ReportWriter.Write(directory)];

    private static string Csv(string table) => table + ".csv";
}
