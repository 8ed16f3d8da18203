using System.Globalization;
using FairMtl.Evaluation.Statistics;
using FairMtl.Reports.Schema;

namespace FairMtl.Reports.Stored;

/// <summary>
/// A sweep experiment's stored runs summarised per sweep point over the seeds (successful runs only): the mean and sample
/// standard deviation of every metric column, and whether the point is on the stored Pareto front.
/// </summary>
public sealed class StoredSweep
{
    private StoredSweep(IReadOnlyList<string> variables, IReadOnlyList<SweepPointSummary> points, SweepPointSummary? baseline, string error, string disparity, int seeds)
    {
        Variables = variables;
        Points = points;
        Baseline = baseline;
        Error = error;
        Disparity = disparity;
        Seeds = seeds;
    }

    /// <summary>The sweep variables' names (sweep.csv's columns between <c>point</c> and <c>seed</c>).</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Every point, in sweep order.</summary>
    public IReadOnlyList<SweepPointSummary> Points { get; }

    /// <summary>The baseline over its seeds; null when no baseline run succeeded.</summary>
    public SweepPointSummary? Baseline { get; }

    /// <summary>The baseline's runs (baseline.csv's rows), failed ones included: 0 when the experiment trains none.</summary>
    public int BaselineRuns { get; private init; }

    /// <summary>The Pareto front's error metric column (e.g. <c>rmse</c>).</summary>
    public string Error { get; }

    /// <summary>The Pareto front's disparity column (e.g. <c>rmse_disp</c>).</summary>
    public string Disparity { get; }

    /// <summary>The number of seeds in the experiment.</summary>
    public int Seeds { get; }

    /// <summary>Reads sweep.csv, baseline.csv, pareto.csv and the Pareto pair from summary.json.</summary>
    public static StoredSweep Read(StoredResults results)
    {
        var sweep = results.Table(TableNames.Sweep);
        var first = sweep.IndexOf(SweepColumns.Point) + 1;
        var variables = sweep.Columns.Skip(first).Take(sweep.IndexOf(RunColumns.Seed) - first).ToArray();
        var error = results.String("pareto.error");
        var disparity = SweepColumns.Disparity(results.String("pareto.disparity"));
        var pareto = results.Table(TableNames.Pareto);
        var front = Enumerable.Range(0, pareto.Rows.Count)
            .Select(row => Key(variables.Select(variable => pareto.Text(row, variable))))
            .ToHashSet(StringComparer.Ordinal);

        var points = PointsOf(sweep, variables, front);
        var baselineTable = results.Table(TableNames.Baseline);
        var baseline = Summarise(baselineTable, Enumerable.Range(0, baselineTable.Rows.Count).ToArray(), [], onFront: false);
        var seeds = results.Find("seeds") is { ValueKind: System.Text.Json.JsonValueKind.Array } list ? list.GetArrayLength() : 1;
        var conditional = results.Find("spec.sweep.conditional") is { ValueKind: System.Text.Json.JsonValueKind.Object };
        return new StoredSweep(variables, points, baseline.Succeeded == 0 ? null : baseline, error, disparity, seeds)
        {
            BaselineRuns = baselineTable.Rows.Count,
            IsConditional = conditional,
            Grid = conditional && results.HasTable(TableNames.Grid) ? PointsOf(results.Table(TableNames.Grid), variables, []) : [],
        };
    }

    /// <summary>Whether one loss-conditional model per seed was scored at the points (<c>sweep.conditional</c>).</summary>
    public bool IsConditional { get; private init; }

    /// <summary>A conditional sweep's grid points over the seeds (grid.csv), in grid order; empty otherwise.</summary>
    public IReadOnlyList<SweepPointSummary> Grid { get; private init; } = [];

    /// <summary>The rows of <paramref name="table"/> per point (its <c>point</c> column), summarised over the seeds.</summary>
    private static SweepPointSummary[] PointsOf(CsvTable table, IReadOnlyList<string> variables, HashSet<string> front) =>
        Enumerable.Range(0, table.Rows.Count)
            .GroupBy(row => table.Number(row, SweepColumns.Point))
            .OrderBy(group => group.Key)
            .Select(group =>
            {
                var rows = group.ToArray();
                var values = variables.Select(variable => table.Text(rows[0], variable)).ToArray();
                return Summarise(table, rows, values, front.Contains(Key(values)));
            })
            .ToArray();

    /// <summary>A short label for a point: <c>α=0.3</c>, or <c>α=0.3, β=1</c> for several variables.</summary>
    public string Label(SweepPointSummary point) =>
        string.Join(", ", Variables.Select((variable, v) => Symbol(variable) + "=" + point.Values[v]));

    /// <summary>The Greek letter for the usual sweep variable names, the name otherwise.</summary>
    public static string Symbol(string variable) => variable switch
    {
        "alpha" => "α",
        "beta" => "β",
        "lambda" => "λ",
        "gamma" => "γ",
        _ => variable,
    };

    private static SweepPointSummary Summarise(CsvTable table, int[] rows, string[] values, bool onFront)
    {
        var ok = rows.Where(row => table.Text(row, RunColumns.Status) == RunColumns.Ok).ToArray();
        var metrics = new Dictionary<string, SampleSummary>(StringComparer.Ordinal);
        foreach (var column in SweepColumns.RunMetrics)
        {
            var samples = ok.Select(row => table.Number(row, column)).Where(double.IsFinite).ToArray();
            if (samples.Length > 0)
            {
                metrics[column] = SampleSummary.Of(samples);
            }
        }

        var numbers = values.Select(value => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        return new SweepPointSummary(values, numbers, rows.Length, ok.Length, metrics, onFront);
    }

    private static string Key(IEnumerable<string> values) => string.Join('\u001f', values);
}

/// <summary>One sweep point (or the baseline) over its seeds.</summary>
/// <param name="Values">The sweep variables' values as stored (round-trip text).</param>
/// <param name="Numbers">The same values as numbers.</param>
/// <param name="Runs">Runs stored for it.</param>
/// <param name="Succeeded">Runs with status ok.</param>
/// <param name="Metrics">Mean, sd and interval per metric column, over the successful runs.</param>
/// <param name="OnFront">Whether pareto.csv lists it.</param>
public sealed record SweepPointSummary(
    IReadOnlyList<string> Values, IReadOnlyList<double> Numbers, int Runs, int Succeeded, IReadOnlyDictionary<string, SampleSummary> Metrics, bool OnFront)
{
    /// <summary>The mean of <paramref name="column"/>, NaN when no run has it.</summary>
    public double Mean(string column) => Metrics.TryGetValue(column, out var summary) ? summary.Mean : double.NaN;

    /// <summary>The sample standard deviation of <paramref name="column"/>: 0 for one run, NaN when none.</summary>
    public double Spread(string column) => Metrics.TryGetValue(column, out var summary)
        ? (summary.Count > 1 ? summary.StandardDeviation : 0)
        : double.NaN;
}
