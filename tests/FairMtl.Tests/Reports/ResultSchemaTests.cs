using FairMtl.Host.Running;
using FairMtl.Reports.Schema;
using FairMtl.Reports.Stored;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;

namespace FairMtl.Tests.Reports;

/// <summary>
/// The result schema is the one spelling of a results folder's tables and columns: what a run writes is what the
/// readers (<c>report DIR</c>, the figures) look up through it.
/// </summary>
public class ResultSchemaTests
{
    [Fact]
    public async Task A_sweep_folder_holds_the_schemas_tables_and_columns_in_the_schemas_order()
    {
        using var folder = new TempDataFolder();
        var output = await HostRun.RunSmallExperiment(folder, "parkinson");

        var results = StoredResults.Open(output);
        foreach (var name in new[] { TableNames.Baseline, TableNames.Sweep, TableNames.Pareto, TableNames.Seeds })
        {
            File.Exists(Path.Combine(output, name + ".csv")).ShouldBeTrue(name);
        }

        foreach (var name in new[] { TableNames.Baseline, TableNames.Sweep })
        {
            var table = results.Table(name);
            var first = table.IndexOf(SweepColumns.RunMetrics[0]);
            table.Columns.Skip(first).Take(SweepColumns.RunMetrics.Length).ShouldBe(SweepColumns.RunMetrics, name);
            table.Text(0, RunColumns.Status).ShouldBe(RunColumns.Ok);
            table.Has(RunColumns.Seed).ShouldBeTrue();
            table.Has(RunColumns.Message).ShouldBeTrue();
        }

        SweepColumns.RunMetrics.ShouldBe(["mse", "rmse", "mae", "mse_g0", "mse_g1", "rmse_g0", "rmse_g1", "mae_g0", "mae_g1", "mse_disp", "rmse_disp", "mae_disp"]);
        results.Table(TableNames.Seeds).Has(SweepColumns.OnMeanFront).ShouldBeTrue();
        results.Table(TableNames.Pareto).Has(SweepColumns.FrontFrequency).ShouldBeTrue();
        var sweep = StoredSweep.Read(results);
        sweep.Points.Count.ShouldBe(3);
        sweep.Points.ShouldAllBe(point => point.Metrics.Count == SweepColumns.RunMetrics.Length);
    }
}
