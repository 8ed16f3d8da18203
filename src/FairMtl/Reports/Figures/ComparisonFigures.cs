using FairMtl.Comparisons;
using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports.Figures;

/// <summary>
/// The figures of a method comparison: per sensitive attribute, AUC against the equalized-odds difference, every method
/// as its mean with one-standard-deviation bars over the repetitions, and each lambda front as a labelled line.
/// </summary>
public static class ComparisonFigures
{
    public static IReadOnlyList<Figure> Create(StoredResults results)
    {
        var methods = results.Table(TableNames.Methods);
        var front = results.HasTable(TableNames.Front) ? results.Table(TableNames.Front) : null;
        var grid = results.HasTable(TableNames.Grid) && results.Find("spec.front.conditional") is { ValueKind: System.Text.Json.JsonValueKind.Object }
            ? results.Table(TableNames.Grid)
            : null;
        var repetitions = results.Text("protocol.repetitions");
        var figures = new List<Figure>();
        foreach (var fairness in methods.Columns.Where(column => column == MetricColumn.Eod || column.StartsWith(MetricColumn.Eod + "(", StringComparison.Ordinal)))
        {
            var attribute = fairness == MetricColumn.Eod ? string.Empty : fairness[(MetricColumn.Eod.Length + 1)..^1];
            var series = new List<Series>();
            var names = Enumerable.Range(0, methods.Rows.Count).Select(row => methods.Text(row, RunColumns.Method)).ToArray();
            for (var row = 0; row < methods.Rows.Count; row++)
            {
                series.Add(new Series(
                    names[row],
                    [new ChartPoint(methods.Number(row, fairness), methods.Number(row, MetricColumn.Auc), Spread(methods, row, fairness), Spread(methods, row, MetricColumn.Auc))],
                    SeriesStyle.Points,
                    row,
                    Palette.Marker(row)));
            }

            if (front is not null)
            {
                foreach (var method in Enumerable.Range(0, front.Rows.Count).Select(row => front.Text(row, RunColumns.Method)).Distinct())
                {
                    var rows = Enumerable.Range(0, front.Rows.Count).Where(row => front.Text(row, RunColumns.Method) == method)
                        .OrderBy(row => front.Number(row, RunColumns.Lambda))
                        .ToArray();
                    var colour = Array.IndexOf(names, method);
                    series.Add(new Series(
                        method + " over λ",
                        rows.Select(row => new ChartPoint(
                            front.Number(row, fairness), front.Number(row, MetricColumn.Auc), Spread(front, row, fairness), Spread(front, row, MetricColumn.Auc),
                            "λ=" + front.Text(row, RunColumns.Lambda))).ToArray(),
                        SeriesStyle.Line,
                        colour < 0 ? series.Count : colour,
                        Marker.Circle,
                        Dashed: true));
                }
            }

            if (grid is not null)
            {
                // The conditional models' curves along the grid of lambda, under the fronts' points.
                foreach (var method in Enumerable.Range(0, grid.Rows.Count).Select(row => grid.Text(row, RunColumns.Method)).Distinct())
                {
                    var colour = Array.IndexOf(names, method);
                    series.Insert(0, new Series(
                        method + " on the λ grid",
                        Enumerable.Range(0, grid.Rows.Count).Where(row => grid.Text(row, RunColumns.Method) == method)
                            .OrderBy(row => grid.Number(row, RunColumns.Lambda))
                            .Select(row => new ChartPoint(grid.Number(row, fairness), grid.Number(row, MetricColumn.Auc)))
                            .ToArray(),
                        SeriesStyle.Line,
                        colour < 0 ? series.Count : colour,
                        Marker.None,
                        Faint: true));
                }
            }

            var suffix = attribute.Length == 0 ? string.Empty : $" ({attribute})";
            figures.Add(new Figure(
                "auc-vs-eod" + (attribute.Length == 0 ? string.Empty : "-" + attribute),
                $"AUC against the equalized-odds difference{suffix} on the test rows: each method's mean over {repetitions} repetition(s) with ±1 sd bars; dashed lines: the λ fronts, labelled with λ{(grid is null ? string.Empty : "; thin lines: the conditional models along the grid of λ")}. Fairer is left, better is up.",
                new Chart(
                    $"AUC vs EOD{suffix}",
                    new Axis($"EOD{suffix}: equalized-odds difference (lower is fairer)", Min: 0),
                    new Axis("AUC (higher is better)"),
                    series,
                    [])));
        }

        return figures;
    }

    private static double Spread(CsvTable table, int row, string column) =>
        table.Has(RunColumns.Sd(column)) && table.Number(row, RunColumns.Sd(column)) is var sd && double.IsFinite(sd) ? sd : 0;
}
