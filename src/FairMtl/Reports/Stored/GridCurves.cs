using FairMtl.Reports.Schema;

namespace FairMtl.Reports.Stored;

/// <summary>The conditional curves a result folder stores in grid.csv, as <c>fronts</c> and the figures draw them.</summary>
public static class GridCurves
{
    /// <summary>A multi-task comparison's: (ARFG, ARE) of <paramref name="method"/>'s grid points on its front (the
    /// means of its conditional models at the grid's random settings), by ARFG; empty without a grid.</summary>
    public static IReadOnlyList<(double Arfg, double Are)> MultiTask(StoredResults results, string method)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!results.HasTable(TableNames.Grid))
        {
            return [];
        }

        var grid = results.Table(TableNames.Grid);
        return Enumerable.Range(0, grid.Rows.Count)
            .Where(row => grid.Text(row, RunColumns.Method) == method && grid.Flag(row, RunColumns.OnFront))
            .Select(row => (grid.Number(row, MultiTaskColumns.Arfg), grid.Number(row, MultiTaskColumns.Are)))
            .OrderBy(point => point.Item1)
            .ToArray();
    }

    /// <summary>A method comparison's conditional front: (<paramref name="fairness"/>, 1 - the first metric, AUC) of
    /// <paramref name="method"/>'s conditional models at every lambda of the grid (means over the repetitions), in
    /// lambda order, as <see cref="FrontComparison"/> pairs them; empty without a grid.</summary>
    public static IReadOnlyList<(double Disparity, double Error)> Comparison(StoredResults results, string method, string fairness)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!results.HasTable(TableNames.Grid))
        {
            return [];
        }

        var auc = results.Find("metrics")!.Value.EnumerateArray().First().GetString()!;
        var grid = results.Table(TableNames.Grid);
        return Enumerable.Range(0, grid.Rows.Count)
            .Where(row => grid.Text(row, RunColumns.Method) == method)
            .OrderBy(row => grid.Number(row, RunColumns.Lambda))
            .Select(row => (grid.Number(row, fairness), 1 - grid.Number(row, auc)))
            .ToArray();
    }
}
