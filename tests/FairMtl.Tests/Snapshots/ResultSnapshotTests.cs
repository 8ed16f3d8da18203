using FairMtl.Reports;
using FairMtl.Sweeps;
using FairMtl.Tests.Data;
using FairMtl.Tests.Training;

namespace FairMtl.Tests.Snapshots;

public class ResultSnapshotTests
{
    private const string Approved = """
        # experiment: demo
        # seeds: 1

        ## sweep
        point,alpha,seed,block,epochs,steps,status,rmse,message
        0,0,1,0,5,50,ok,3.1,
        1,0.5,1,1,5,50,ok,3.2,

        ## pareto
        rank,alpha,seeds,rmse
        1,0.5,1,3.2

        """;

    [Fact]
    public void A_changed_cell_is_reported_with_its_table_row_column_and_both_values()
    {
        var received = Approved.Replace("1,0.5,1,1,5,50,ok,3.2,", "1,0.5,1,1,5,50,ok,3.25,");
        ResultSnapshot.Differences(Approved, received)
            .ShouldBe(["sweep row 2 (point=1, alpha=0.5, seed=1, block=1): rmse 3.2 -> 3.25"]);
    }

    [Fact]
    public void Added_and_removed_rows_and_changed_columns_are_reported()
    {
        var received = Approved
            .Replace("1,0.5,1,3.2\n", "1,0.5,1,3.2\n2,0,1,3.1\n")
            .Replace("0,0,1,0,5,50,ok,3.1,\n", string.Empty)
            .Replace("# seeds: 1", "# seeds: 2");
        ResultSnapshot.Differences(Approved, received).ShouldBe([
            "header: # seeds: 1 -> # seeds: 2",
            "sweep row 1 (point=0, alpha=0, seed=1, block=0): point 0 -> 1; alpha 0 -> 0.5; block 0 -> 1; rmse 3.1 -> 3.2",
            "sweep row 2: removed (1,0.5,1,1,5,50,ok,3.2,)",
            "pareto row 2: added (2,0,1,3.1)",
        ]);
        ResultSnapshot.Differences(Approved, Approved.Replace("rank,alpha,seeds,rmse", "rank,alpha,seeds,mse"))
            .ShouldBe(["pareto: columns rank,alpha,seeds,rmse -> rank,alpha,seeds,mse"]);
    }

    [Fact]
    public void Identical_snapshots_have_no_differences() =>
        ResultSnapshot.Differences(Approved, Approved.Replace("\n", "\r\n")).ShouldBeEmpty();

    [Fact]
    public void A_different_seed_moves_the_numbers_and_the_diff_says_where()
    {
        using var folder = new TempDataFolder();
        var (experiment, data) = SyntheticExperiment.Prepare(folder, SyntheticExperiment.Spec(epochs: 2, seeds: [42]));
        var before = ResultSnapshot.Render(ExperimentRunner.Run(experiment, data, 2, null, 0, CancellationToken.None));
        var other = experiment with { Spec = experiment.Spec with { Sweep = experiment.Spec.Sweep with { Seeds = new[] { 43 } } } };
        var after = ResultSnapshot.Render(ExperimentRunner.Run(other, data, 2, null, 0, CancellationToken.None));

        var differences = ResultSnapshot.Differences(before, after);
        differences.ShouldContain("header: # seeds: 42 -> # seeds: 43");
        differences.ShouldContain(line => line.StartsWith("sweep row 1 (point=0, alpha=0, seed=42, block=0): seed 42 -> 43; ", StringComparison.Ordinal)
            && line.Contains("; rmse ", StringComparison.Ordinal));
        differences.ShouldContain(line => line.StartsWith("baseline row 1 (seed=42): seed 42 -> 43; ", StringComparison.Ordinal));
    }

    [Fact]
    public void Numbers_in_a_snapshot_have_six_significant_digits()
    {
        using var folder = new TempDataFolder();
        var (experiment, data) = SyntheticExperiment.Prepare(folder, SyntheticExperiment.Spec(epochs: 1));
        var text = ResultSnapshot.Render(ExperimentRunner.Run(experiment, data, 1, null, 0, CancellationToken.None));
        var sweepRow = text.Split('\n').SkipWhile(line => line != "## sweep").Skip(2).First().Split(',');
        var rmse = sweepRow[8];
        rmse.Replace(".", string.Empty).TrimStart('0').Length.ShouldBeLessThanOrEqualTo(6);
        text.ShouldContain("# data: data.csv sha256 " + data.Provenance.Sha256);
    }

    [Fact]
    public void A_mismatch_with_an_approved_snapshot_fails_with_the_cell_diff_and_the_accept_command()
    {
        var received = Approved.Replace("0,0,1,0,5,50,ok,3.1,", "0,0,1,0,5,50,ok,3.15,");
        var exception = Should.Throw<ShouldAssertException>(() => ApprovedSnapshot.Match(received, "demo", mayAccept: false));
        exception.Message.ShouldContain("Snapshot 'demo' changed");
        exception.Message.ShouldContain("sweep row 1 (point=0, alpha=0, seed=1, block=0): rmse 3.1 -> 3.15");
        exception.Message.ShouldContain("FAIRMTL_ACCEPT_SNAPSHOTS=1 dotnet test --filter ResultSnapshotTests");
        foreach (var leftover in Directory.GetFiles(Path.Combine(TestExperiments.RepositoryRoot, "tests/FairMtl.Tests/Snapshots/approved"), "ResultSnapshotTests.*.received.txt"))
        {
            File.Delete(leftover);
        }
    }

    [Fact]
    public void The_approved_demo_snapshot_matches_itself() => ApprovedSnapshot.Match(Approved, "demo-unchanged", mayAccept: false);
}
