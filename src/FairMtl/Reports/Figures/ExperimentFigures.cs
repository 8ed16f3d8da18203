using System.Globalization;
using System.Text.Json;
using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;
using FairMtl.Spec;

namespace FairMtl.Reports.Figures;

/// <summary>
/// The figures of a sweep experiment (Pires et al., Figures 4-7): each error metric against the sweep variable, overall
/// and per group, with the baseline as a reference line; and the Pareto front of (disparity, error). Over several seeds,
/// points are means with one-standard-deviation error bars.
/// </summary>
public static class ExperimentFigures
{
    public static IReadOnlyList<Figure> Create(StoredResults results, StoredSweep sweep)
    {
        var figures = new List<Figure>();
        var metrics = sweep.Error == SweepColumns.Metric(ErrorMetric.Mse)
            ? new[] { SweepColumns.Metric(ErrorMetric.Mae), SweepColumns.Metric(ErrorMetric.Mse) }
            : [SweepColumns.Metric(ErrorMetric.Mae), SweepColumns.Metric(ErrorMetric.Rmse)];
        foreach (var metric in metrics)
        {
            figures.Add(ErrorVersusSweep(results, sweep, metric));
        }

        figures.Add(ParetoFront(sweep));
        return figures;
    }

    private static Figure ErrorVersusSweep(StoredResults results, StoredSweep sweep, string metric)
    {
        var (x, xAxis) = HorizontalAxis(sweep);
        var groups = new[]
        {
            (Column: metric, Name: "all test rows", Colour: 0, Marker: Marker.Circle, Dashed: false, Shift: 0.0),
            (Column: SweepColumns.Group(metric, 0), Name: "group 0: " + results.Text("data.groups.g0"), Colour: 1, Marker: Marker.Square, Dashed: true, Shift: -4.0),
            (Column: SweepColumns.Group(metric, 1), Name: "group 1: " + results.Text("data.groups.g1"), Colour: 2, Marker: Marker.Triangle, Dashed: true, Shift: 4.0),
        };
        var series = groups
            .Select(group => new Series(
                group.Name,
                sweep.Points.Select((point, i) => new ChartPoint(x(point, i), point.Mean(group.Column), YError: point.Spread(group.Column))).ToArray(),
                SeriesStyle.Line,
                group.Colour,
                group.Marker,
                group.Dashed,
                Shift: sweep.Seeds > 1 ? group.Shift : 0))
            .ToList();
        if (sweep.Variables.Count == 1 && sweep.Grid.Count > 0)
        {
            // The conditional models' continuous curves under the declared points' markers.
            series.InsertRange(0, groups.Select(group => new Series(
                group.Name + " (grid)",
                sweep.Grid.Select(point => new ChartPoint(point.Numbers[0], point.Mean(group.Column))).ToArray(),
                SeriesStyle.Line,
                group.Colour,
                Marker.None,
                group.Dashed,
                Faint: true)));
        }

        var references = sweep.Baseline is { } baseline && double.IsFinite(baseline.Mean(metric))
            ? new[] { new ReferenceLine("baseline (single-task), all test rows", baseline.Mean(metric), Palette.Black) }
            : [];
        var values = series.SelectMany(s => s.Points.Select(p => p.Y)).Concat(references.Select(r => r.Y));
        var name = metric.ToUpperInvariant();
        var chart = new Chart(
            $"{name} vs {xAxis.Label}",
            xAxis,
            Figure.AxisFor($"{name} of {Target(results)} on the test rows", values) with { Min = 0 },
            series,
            references);
        return new Figure(
            "error-" + metric,
            $"{name} on the test rows against the sweep variable, for all rows and per group ({results.Text("data.groups.description")}); " +
            $"{BaselineNote(sweep, references.Length > 0, "the dashed black line")}{SeedNote(sweep)}{GridNote(sweep)}",
            chart);
    }

    private static Figure ParetoFront(StoredSweep sweep)
    {
        var (errorName, disparityName) = (sweep.Error.ToUpperInvariant(), sweep.Error.ToUpperInvariant() + " disparity |group 1 − group 0|");
        ChartPoint Point(SweepPointSummary point, string? label) => new(
            point.Mean(sweep.Disparity), point.Mean(sweep.Error), point.Spread(sweep.Disparity), point.Spread(sweep.Error), label);
        var dominated = sweep.Points.Where(point => !point.OnFront).Select(point => Point(point, null) with { XError = 0, YError = 0 }).ToArray();
        var front = sweep.Points.Where(point => point.OnFront)
            .OrderBy(point => point.Mean(sweep.Disparity))
            .Select(point => Point(point, sweep.Label(point)))
            .ToArray();
        var series = new List<Series>
        {
            new("dominated sweep points", dominated, SeriesStyle.Points, 0, Marker.Circle, Faint: true),
            new("Pareto front (non-dominated)", front, SeriesStyle.Line, 1, Marker.Diamond),
        };
        if (sweep.Grid.Count > 0)
        {
            var curve = sweep.Grid.Select(point => new ChartPoint(point.Mean(sweep.Disparity), point.Mean(sweep.Error))).ToArray();
            series.Insert(0, new Series("conditional models on the grid", curve, SeriesStyle.Line, 2, Marker.None));
        }

        if (sweep.Baseline is { } baseline)
        {
            series.Add(new Series("baseline (single-task)", [Point(baseline, null)], SeriesStyle.Points, Palette.Black, Marker.Star));
        }

        var all = series.SelectMany(s => s.Points).ToArray();
        var chart = new Chart(
            $"Pareto front: {disparityName} vs {errorName}",
            Figure.AxisFor(disparityName + " (lower is fairer)", all.Select(p => p.X)) with { Min = 0 },
            Figure.AxisFor(errorName + " (lower is better)", all.Select(p => p.Y)) with { Min = 0 },
            series,
            []);
        return new Figure(
            "pareto",
            $"Every sweep point as (disparity, error); the non-dominated points are joined and labelled with their sweep value; {BaselineNote(sweep, sweep.Baseline is { } drawn && double.IsFinite(drawn.Mean(sweep.Error)) && double.IsFinite(drawn.Mean(sweep.Disparity)), "the star")}{SeedNote(sweep)}{(sweep.Seeds > 1 ? " Bars are drawn for the front and the baseline only." : string.Empty)}{GridNote(sweep)}",
            chart);
    }

    /// <summary>What the caption says of the baseline: what marks it, or that it is missing and why.</summary>
    private static string BaselineNote(StoredSweep sweep, bool drawn, string mark) =>
        drawn ? $"{mark} is the single-task baseline."
        : sweep.BaselineRuns == 0 ? "no single-task baseline was trained."
        : "the single-task baseline failed, so it is not drawn.";

    private static (Func<SweepPointSummary, int, double> X, Axis Axis) HorizontalAxis(StoredSweep sweep) =>
        sweep.Variables.Count == 1
            ? ((point, _) => point.Numbers[0], new Axis($"{StoredSweep.Symbol(sweep.Variables[0])} ({sweep.Variables[0]})"))
            : ((_, i) => i, new Axis($"sweep point ({string.Join(", ", sweep.Variables)})"));

    private static string GridNote(StoredSweep sweep) => sweep.Grid.Count > 0
        ? string.Create(CultureInfo.InvariantCulture, $" One loss-conditional model per seed, scored at every point and along a grid of {sweep.Grid.Count} values (the thin curve).")
        : sweep.IsConditional ? " One loss-conditional model per seed, scored at every point." : string.Empty;

    private static string SeedNote(StoredSweep sweep) => sweep.Seeds > 1
        ? string.Create(CultureInfo.InvariantCulture, $" Means over {sweep.Seeds} seeds; bars: ±1 standard deviation.")
        : " One seed.";

    private static string Target(StoredResults results)
    {
        var head = results.String("spec.evaluation.head");
        if (results.Find("spec.heads") is { ValueKind: JsonValueKind.Array } heads)
        {
            foreach (var declared in heads.EnumerateArray())
            {
                if (declared.TryGetProperty("name", out var name) && name.GetString() == head && declared.TryGetProperty("column", out var column))
                {
                    return column.GetString() ?? head;
                }
            }
        }

        return head;
    }

}
