using FairMtl.Sweeps;

namespace FairMtl.Reports;

/// <summary>Writes baseline.csv, sweep.csv, pareto.csv and summary.json of a result into a folder.</summary>
public static class ResultWriter
{
    /// <summary>
    /// Renders every file first, then writes each through a temporary name and a rename, so that an error or an
    /// interruption never leaves a half-written result file. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(ExperimentResult result, string directory, CodeVersion version)
    {
        var files = new List<(string Name, string Content)>
        {
            ("baseline.csv", CsvFormat.Write(ResultTables.Baseline(result))),
            ("sweep.csv", CsvFormat.Write(ResultTables.Sweep(result))),
            ("pareto.csv", CsvFormat.Write(ResultTables.Pareto(result))),
            ("summary.json", SummaryJson.Write(result, version)),
        };
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, content);
            written.Add(path);
        }

        return written;
    }
}
