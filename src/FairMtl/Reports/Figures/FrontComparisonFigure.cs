using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Figures;

/// <summary>Two fronts in one (disparity, error) plane: the compared run's curve when it is conditional with a grid,
/// its points' means and the reference run's over the common seeds, and the reference run's baseline.</summary>
public static class FrontComparisonFigure
{
    /// <param name="comparison">The comparison.</param>
    /// <param name="curve">The compared run's conditional curve as (disparity, error) points in drawing order: a
    /// conditional sweep's grid means, a method comparison's conditional front method along its grid of lambda, or a
    /// multi-task method's front along its grid (<see cref="GridCurves"/>);
    /// empty for none.</param>
    /// <param name="name">The figure's file stem.</param>
    public static Figure Create(FrontComparison comparison, IReadOnlyList<(double Disparity, double Error)> curve, string name)
    {
        var (error, disparity) = comparison.Pair;
        static ChartPoint Point((double Disparity, double Error) mean) => new(mean.Disparity, mean.Error);
        var series = new List<Series>();
        if (curve.Count > 0)
        {
            series.Add(new Series($"{comparison.Compared}: grid", curve.Select(Point).ToArray(), SeriesStyle.Line, 2, Marker.None));
        }

        series.Add(new Series($"{comparison.Compared}: points", comparison.ComparedMeans.Select(Point).ToArray(), SeriesStyle.Points, 2, Marker.Circle));
        series.Add(new Series($"{comparison.Reference}: points", comparison.ReferenceMeans.Select(Point).ToArray(), SeriesStyle.Points, 1, Marker.Square));
        series.Add(new Series("baseline (single-task)", [Point(comparison.Baseline)], SeriesStyle.Points, Palette.Black, Marker.Star));

        var all = series.SelectMany(s => s.Points).ToArray();
        var chart = new Chart(
            $"{comparison.Compared} vs {comparison.Reference}",
            Figure.AxisFor(disparity + " (lower is fairer)", all.Select(p => p.X)) with { Min = 0 },
            Figure.AxisFor(error + " (lower is better)", all.Select(p => p.Y)),
            series,
            []);
        return new Figure(
            name,
            $"Means over the {comparison.Seeds.Count} common seeds of every point of {comparison.Compared} and of {comparison.Reference}"
            + (curve.Count > 0 ? ", with the conditional models' curve along the grid (means over all seeds)" : string.Empty)
            + "; the star is the reference run's single-task baseline.",
            chart);
    }
}
