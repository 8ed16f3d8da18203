namespace FairMtl.Generators.Tests;

/// <summary>FairMT experiments (a comparison file with penalty or primal-dual methods): validated at build time by the
/// same reader, their heterogeneous tasks' mistakes and columns reported as compiler diagnostics.</summary>
public sealed class FairMtTests
{
    private const string LsacYaml = "experiments/lsac-fairmt.yaml";
    private const string LsacData = "experiments/data/lsac/bar_pass_prediction.csv";

    private static string Lsac => GeneratorHarness.ReadRepoFile(LsacYaml);

    [Fact]
    public void The_lsac_experiment_builds_without_diagnostics_and_is_registered()
    {
        var run = GeneratorHarness.Run([GeneratorHarness.RepoFile(LsacYaml), GeneratorHarness.RepoFile(LsacData)]);

        run.Diagnostics.ShouldBeEmpty();
        run.Source(run.HintNames.Single(name => name.Contains("Registry", StringComparison.Ordinal)))
            .ShouldContain($"new global::FairMtl.Compiled.CompiledComparison(\"lsac-fairmt\", \"{GeneratorHarness.Root}{LsacYaml}\", ");
    }

    [Fact]
    public void A_harm_that_does_not_fit_the_task_type_is_a_build_error_at_the_value()
    {
        const string from = "tier: { type: multi-class, column: tier, harm: opportunity }";
        var broken = Lsac.Replace(from, "tier: { type: multi-class, column: tier, harm: parity }", StringComparison.Ordinal);
        broken.ShouldNotBe(Lsac);
        var (line, at) = GeneratorHarness.Find(broken, "harm: parity");

        var run = GeneratorHarness.Run([GeneratorHarness.Text(LsacYaml, broken)]);

        run.DiagnosticLines.ShouldHaveSingleItem().ShouldStartWith(
            $"FMTL003 {LsacYaml}({line},{at + "harm: ".Length}): 'tasks.tier.harm' must be opportunity (the soft positive rates of a multi-class task");
    }

    [Fact]
    public void A_task_column_is_checked_against_the_data_header()
    {
        var broken = Lsac.Replace("column: zfygpa", "column: zfygpaa", StringComparison.Ordinal);
        var (line, at) = GeneratorHarness.Find(broken, "zfygpaa");

        var run = GeneratorHarness.Run([GeneratorHarness.Text(LsacYaml, broken), GeneratorHarness.RepoFile(LsacData)]);

        run.DiagnosticLines.ShouldHaveSingleItem().ShouldStartWith($"FMTL004 {LsacYaml}({line},{at}): unknown column 'zfygpaa' in data file");
    }
}
