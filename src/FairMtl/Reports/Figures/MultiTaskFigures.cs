using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Figures;

/// <summary>
/// The figure of a multi-task comparison (MTA-F, Wang et al. 2021): every run's (ARFG, ARE) relative to the single-task
/// references, each method's front joined; the references sit at (1, 1).
/// </summary>
public static class MultiTaskFigures
{
    public static IReadOnlyList<Figure> Create(StoredResults results)
    {
        var runs = results.Table(TableNames.Runs);
        var series = new List<Series>();
        var methods = Enumerable.Range(0, runs.Rows.Count).Select(row => runs.Text(row, RunColumns.Method)).Distinct().ToArray();
        for (var m = 0; m < methods.Length; m++)
        {
            var rows = Enumerable.Range(0, runs.Rows.Count)
                .Where(row => runs.Text(row, RunColumns.Method) == methods[m] && runs.Text(row, RunColumns.Status) == RunColumns.Ok)
                .ToArray();
            series.Add(new Series(
                string.Empty,
                rows.Where(row => !runs.Flag(row, RunColumns.OnFront)).Select(row => new ChartPoint(runs.Number(row, MultiTaskColumns.Arfg), runs.Number(row, MultiTaskColumns.Are))).ToArray(),
                SeriesStyle.Points,
                m,
                Palette.Marker(m),
                Faint: true));
            series.Add(new Series(
                methods[m] + " (front joined)",
                rows.Where(row => runs.Flag(row, RunColumns.OnFront))
                    .Select(row => new ChartPoint(runs.Number(row, MultiTaskColumns.Arfg), runs.Number(row, MultiTaskColumns.Are)))
                    .OrderBy(point => point.X)
                    .ToArray(),
                SeriesStyle.Line,
                m,
                Palette.Marker(m)));
        }

        var grid = results.HasTable(TableNames.Grid);
        for (var m = 0; m < methods.Length; m++)
        {
            var curve = GridCurves.MultiTask(results, methods[m]).Select(point => new ChartPoint(point.Arfg, point.Are)).ToArray();
            if (curve.Length > 0)
            {
                series.Add(new Series(methods[m] + ": conditional models' front along the grid (means)", curve, SeriesStyle.Line, m, Marker.None));
            }
        }

        series.Add(new Series("single-task references (1, 1)", [new ChartPoint(1, 1)], SeriesStyle.Points, Palette.Black, Marker.Star));
        var all = series.SelectMany(s => s.Points).ToArray();
        return
        [
            new Figure(
                "arfg-are",
                "Every run's average relative fairness gap (ARFG) against its average relative error (ARE), both relative to the single-task references (1, 1); lower is better on both; faint: dominated runs, joined: each method's front"
                    + (!grid ? "." : "; unmarked lines: the front of each method's conditional models at the grid's random settings, means over the repetitions (grid.csv)."),
                new Chart(
                    "ARFG-ARE front",
                    Figure.AxisFor("ARFG: average relative fairness gap (lower is fairer)", all.Select(p => p.X)),
                    Figure.AxisFor("ARE: average relative error (lower is better)", all.Select(p => p.Y)),
                    series,
                    [])),
        ];
    }
}
