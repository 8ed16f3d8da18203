using FairMtl.Reports.Html;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports;

/// <summary>
/// Builds report.html and figures/*.svg of a results folder from its stored files (summary.json and the CSV tables),
/// at the end of a run and again, without training, by the <c>report</c> command.
/// </summary>
public static class ReportWriter
{
    /// <summary>The folder of the figures, inside the results folder.</summary>
    public const string FiguresFolder = "figures";

    /// <summary>Renders everything first, then writes each file through a temporary name and a rename. Returns the paths.</summary>
    /// <exception cref="Diagnostics.FairMtlException">FMTL017 when the folder's files are missing or malformed (nothing is written).</exception>
    public static IReadOnlyList<string> Write(string directory)
    {
        using var results = StoredResults.Open(directory);
        var (html, figures) = ReportPage.Build(results);
        var files = figures.Select(figure => (Name: Path.Combine(FiguresFolder, figure.Name + ".svg"), Content: figure.Svg)).ToList();
        files.Add((ReportPage.FileName, html));
        Directory.CreateDirectory(Path.Combine(directory, FiguresFolder));
        return ResultFiles.Write(directory, files);
    }
}
