using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Reports;
using FairMtl.Reports.Figures;
using FairMtl.Reports.Stored;

namespace FairMtl.Host.Running;

/// <summary>
/// The <c>fronts</c> command: compares two sweep results folders point by point and seed by seed (a conditional run
/// against the sweep of a model per point, say), prints the hypervolumes, costs and paired differences, and writes them
/// with a figure of both fronts into <c>DIR/fronts-&lt;reference&gt;/</c>.
/// </summary>
public static class FrontsCommandHandler
{
    /// <summary>Compares and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Execute(string compared, string reference, string? outDirectory, TextWriter output, TextWriter error)
    {
        try
        {
            using var a = StoredResults.Open(compared);
            using var b = StoredResults.Open(reference);
            var comparison = FrontComparison.Of(a, b);
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

            var directory = Path.Combine(outDirectory ?? compared, "fronts-" + comparison.Reference);
            var figure = FrontComparisonFigure.Create(comparison, StoredSweep.Read(a), StoredSweep.Read(b));
            var written = ResultFiles.Write(
                directory,
                [.. tables.Select(table => (table.Name + ".csv", CsvFormat.Write(table))), (figure.Name + ".svg", figure.Svg)]);
            output.WriteLine($"Wrote {string.Join(", ", written.Select(Path.GetFileName))} to {directory}");
            return ExitCodes.Success;
        }
        catch (FairMtlException exception)
        {
            error.WriteLine(exception.Message);
            return ExitCodes.UserError;
        }
    }
}
