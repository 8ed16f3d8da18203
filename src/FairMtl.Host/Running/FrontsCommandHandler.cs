using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Reports;
using FairMtl.Reports.Figures;
using FairMtl.Reports.Stored;

namespace FairMtl.Host.Running;

/// <summary>
/// The <c>fronts</c> command: compares two sweeps, or two method comparisons' lambda fronts or multi-task comparisons'
/// settings method by method, point by point and seed by seed (a conditional run against the one that trains a model per point, say); prints the
/// hypervolumes, costs and paired differences and writes them, with a figure of both fronts, into
/// <c>DIR/fronts-&lt;reference&gt;/</c> (a comparison's into one folder per front method below it).
/// </summary>
public static class FrontsCommandHandler
{
    /// <summary>Compares and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="compared">The results compared (A).</param>
    /// <param name="reference">The reference results (B).</param>
    /// <param name="outDirectory">Where fronts-&lt;reference&gt;/ goes (default: <paramref name="compared"/>).</param>
    /// <param name="nadir">Measure each seed's hypervolume against the nadir of both runs' points instead of the
    /// reference run's baseline (<c>--reference nadir</c>).</param>
    /// <param name="output">The tables and what was written.</param>
    /// <param name="error">Input mistakes.</param>
    public static int Execute(string compared, string reference, string? outDirectory, bool nadir, TextWriter output, TextWriter error)
    {
        try
        {
            using var a = StoredResults.Open(compared);
            using var b = StoredResults.Open(reference);
            var directory = Path.Combine(outDirectory ?? compared, "fronts-" + b.String("experiment"));
            if (a.Kind is not (ResultKind.Comparison or ResultKind.MultiTask))
            {
                var comparison = FrontComparison.Of(a, b, nadir: nadir);
                var (errorMetric, disparityMetric) = comparison.Pair;
                var grid = a.Kind == ResultKind.Experiment ? StoredSweep.Read(a).Grid : [];
                Compare(comparison, grid.Select(point => (point.Mean(disparityMetric), point.Mean(errorMetric))).ToArray(), directory, output);
                return ExitCodes.Success;
            }

            // A method comparison's front methods, or every method of a multi-task comparison that trains at the settings.
            var methods = (a.Kind == ResultKind.Comparison
                    ? a.Find("spec.front.methods")?.EnumerateArray().Select(name => name.GetString()!)
                    : a.Find("spec.methods")?.EnumerateArray().Where(method => !method.TryGetProperty("setting", out var own) || own.ValueKind == System.Text.Json.JsonValueKind.Null)
                        .Select(method => method.GetProperty("name").GetString()!))
                ?.ToArray() ?? [];
            if (methods.Length == 0)
            {
                throw new FairMtlException(DiagnosticCodes.ResultFile, SourceLocation.OfFile(compared), $"{compared} has no front (front.methods) or swept method to compare");
            }

            foreach (var method in methods)
            {
                var comparison = FrontComparison.Of(a, b, method, nadir);
                var curve = a.Kind == ResultKind.MultiTask
                    ? GridCurves.MultiTask(a, method)
                    : GridCurves.Comparison(a, method, comparison.Pair.Disparity);
                Compare(comparison, curve, Path.Combine(directory, method), output);
            }

            return ExitCodes.Success;
        }
        catch (FairMtlException exception)
        {
            error.WriteLine(exception.Message);
            return ExitCodes.UserError;
        }
    }

    private static void Compare(FrontComparison comparison, IReadOnlyList<(double Disparity, double Error)> curve, string directory, TextWriter output)
    {
        var tables = new[] { FrontComparisonTables.Hypervolumes(comparison), FrontComparisonTables.Cost(comparison), FrontComparisonTables.Points(comparison) };
        foreach (var table in tables)
        {
            output.WriteLine(TextTableFormat.Render(table));
        }

        var hypervolume = comparison.ReferenceHypervolume;
        var mean = comparison.ComparedHypervolume.Mean;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{comparison.Compared}'s mean hypervolume {mean:G4} is {(mean > hypervolume.High ? "above" : mean >= hypervolume.Low ? "within" : "below")} "
            + $"{comparison.Reference}'s 95% interval [{hypervolume.Low:G4}, {hypervolume.High:G4}] over {comparison.Seeds.Count} seeds, "
            + $"at {(double)comparison.Steps.Compared / comparison.Steps.Reference:G3} of its optimizer steps."));

        var figure = FrontComparisonFigure.Create(comparison, curve, "fronts");
        var written = ResultFiles.Write(
            directory,
            [.. tables.Select(table => (table.Name + ".csv", CsvFormat.Write(table))), (figure.Name + ".svg", figure.Svg)]);
        output.WriteLine($"Wrote {string.Join(", ", written.Select(Path.GetFileName))} to {directory}");
        output.WriteLine();
    }
}
