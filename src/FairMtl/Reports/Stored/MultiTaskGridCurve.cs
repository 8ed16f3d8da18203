using FairMtl.Reports.Schema;

namespace FairMtl.Reports.Stored;

/// <summary>A multi-task comparison's conditional curve as its result folder stores it (grid.csv): a method's front of
/// its conditional models' means at the grid's settings.</summary>
public static class MultiTaskGridCurve
{
    /// <summary>(ARFG, ARE) of <paramref name="method"/>'s grid points on its front, by ARFG; empty without a grid.</summary>
    public static IReadOnlyList<(double Arfg, double Are)> Of(StoredResults results, string method)
    {
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
}
