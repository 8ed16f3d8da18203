using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Figures;

/// <summary>
/// The figures of a FairMT experiment: each method's points (test constraint F against error relative to unconstrained
/// MTL, means over repetitions) with its front joined; and per task the levelling-down plane: the change of the harm of
/// MTL's worst-off group (left: that group is better served) against that of its best-off group (up: levelling down).
/// </summary>
public static class FairMtFigures
{
    public static IReadOnlyList<Figure> Create(StoredResults results)
    {
        var methods = results.Table(TableNames.Methods);
        var names = Enumerable.Range(0, methods.Rows.Count).Select(row => methods.Text(row, RunColumns.Method)).Distinct().ToArray();
        var series = new List<Series>();
        for (var m = 0; m < names.Length; m++)
        {
            var rows = Enumerable.Range(0, methods.Rows.Count).Where(row => methods.Text(row, RunColumns.Method) == names[m] && methods.Text(row, FairMtColumns.Constraint).Length > 0).ToArray();
            ChartPoint Point(int row) => new(methods.Number(row, FairMtColumns.Constraint), methods.Number(row, FairMtColumns.RelativeError), Label: methods.Text(row, FairMtColumns.Point));
            series.Add(new Series(string.Empty, rows.Where(row => !methods.Flag(row, RunColumns.OnFront)).Select(Point).ToArray(), SeriesStyle.Points, m, Palette.Marker(m), Faint: true));
            series.Add(new Series(names[m], rows.Where(row => methods.Flag(row, RunColumns.OnFront)).Select(Point).OrderBy(p => p.X).ToArray(), SeriesStyle.Line, m, Palette.Marker(m)));
        }

        var all = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        var figures = new List<Figure>
        {
            new(
                "constraint-error",
                "Each method at each sweep point: the test constraint F (the aggregated one-sided violation; lower is fairer) against the mean task error relative to unconstrained MTL (1 = MTL); faint: dominated points, joined: each method's front.",
                new Chart(
                    "Constraint against relative error",
                    Figure.AxisFor("F: test constraint value (lower is fairer)", all.Select(p => p.X)),
                    Figure.AxisFor("error relative to unconstrained MTL", all.Select(p => p.Y)),
                    series,
                    [new ReferenceLine("unconstrained MTL", 1, Palette.Black)])),
        };
        foreach (var task in TaskNames(results))
        {
            var table = results.Table(FairMtColumns.TaskTable(task));
            var attributes = Enumerable.Range(0, table.Rows.Count).Select(row => table.Text(row, FairMtColumns.Attribute)).Distinct().ToArray();
            foreach (var attribute in attributes)
            {
                if (Levelling(table, names, task, attribute) is { } figure)
                {
                    figures.Add(figure);
                }
            }
        }

        return figures;
    }

    /// <summary>The levelling-down plane of one task and attribute (null when no point has a change against MTL).</summary>
    private static Figure? Levelling(CsvTable table, string[] methods, string task, string attribute)
    {
        var points = new List<Series>();
        for (var m = 0; m < methods.Length; m++)
        {
            var rows = Enumerable.Range(0, table.Rows.Count)
                .Where(row => table.Text(row, RunColumns.Method) == methods[m] && table.Text(row, FairMtColumns.Attribute) == attribute
                    && table.Text(row, FairMtColumns.BestChange).Length > 0)
                .ToArray();
            points.Add(new Series(
                methods[m],
                rows.Select(row => new ChartPoint(table.Number(row, FairMtColumns.WorstChange), table.Number(row, FairMtColumns.BestChange), Label: table.Text(row, FairMtColumns.Point))).ToArray(),
                SeriesStyle.Points,
                m,
                Palette.Marker(m)));
        }

        var xy = points.SelectMany(s => s.Points).ToArray();
        return xy.Length == 0
            ? null
            : new Figure(
                $"levelling-{task}-{attribute}",
                $"Task '{task}', groups of '{attribute}': per method and sweep point, the change against unconstrained MTL (same repetition, mean over repetitions) of the harm of MTL's worst-off group (x; left of 0: better served) and of its best-off group (y; above 0: levelling down).",
                new Chart(
                    $"Levelling down: {task}, {attribute}",
                    Figure.AxisFor("change of the worst-off group's harm", xy.Select(p => p.X).Append(0d)),
                    Figure.AxisFor("change of the best-off group's harm", xy.Select(p => p.Y).Append(0d)),
                    points,
                    [new ReferenceLine("no change of the best-off group", 0, Palette.Black)]));
    }

    /// <summary>The tasks, from the spec in summary.json.</summary>
    public static IReadOnlyList<string> TaskNames(StoredResults results) =>
        results.Find("spec.tasks") is { ValueKind: System.Text.Json.JsonValueKind.Array } tasks
            ? tasks.EnumerateArray().Select(task => task.GetProperty("name").GetString()!).ToArray()
            : [];
}
