using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Figures;

/// <summary>Two sweeps' fronts in one (disparity, error) plane: the compared run's grid curve when it is conditional, its
/// points' means and the reference run's, and the reference run's baseline.</summary>
public static class FrontComparisonFigure
{
    public static Figure Create(FrontComparison comparison, StoredSweep compared, StoredSweep reference)
    {
        var (error, disparity) = comparison.Pair;
        ChartPoint Mean(SweepPointSummary point) => new(point.Mean(disparity), point.Mean(error));
        var series = new List<Series>();
        if (compared.Grid.Count > 0)
        {
            series.Add(new Series($"{comparison.Compared}: grid", compared.Grid.Select(Mean).ToArray(), SeriesStyle.Line, 2, Marker.None));
        }

        series.Add(new Series($"{comparison.Compared}: points", compared.Points.Select(Mean).ToArray(), SeriesStyle.Points, 2, Marker.Circle));
        series.Add(new Series($"{comparison.Reference}: points", reference.Points.Select(Mean).ToArray(), SeriesStyle.Points, 1, Marker.Square));
        if (reference.Baseline is { } baseline)
        {
            series.Add(new Series("baseline (single-task)", [Mean(baseline)], SeriesStyle.Points, Palette.Black, Marker.Star));
        }

        var all = series.SelectMany(s => s.Points).ToArray();
        var (errorName, disparityName) = (error.ToUpperInvariant(), error.ToUpperInvariant() + " disparity |group 1 − group 0|");
        var chart = new Chart(
            $"{comparison.Compared} vs {comparison.Reference}",
            Figure.AxisFor(disparityName + " (lower is fairer)", all.Select(p => p.X)) with { Min = 0 },
            Figure.AxisFor(errorName + " (lower is better)", all.Select(p => p.Y)),
            series,
            []);
        return new Figure(
            "fronts-" + comparison.Reference,
            $"Means over the seeds of every point of {comparison.Compared} and of {comparison.Reference}"
            + (compared.Grid.Count > 0 ? ", with the conditional models' curve along the grid" : string.Empty)
            + "; the star is the single-task baseline.",
            chart);
    }
}
