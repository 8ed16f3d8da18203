namespace FairMtl.Generators.Tests;

public sealed class DuplicateNameTests
{
    [Fact]
    public void Every_declaration_of_a_duplicate_name_is_reported_and_only_the_first_by_path_is_generated()
    {
        var first = Experiments.Small + "\ndescription: first\n";
        var second = Experiments.Small + "\ndescription: second\n";
        var third = Experiments.Small + "\ndescription: third\n";

        var run = GeneratorHarness.Run(
        [
            GeneratorHarness.Text("experiments/c.yaml", third),
            GeneratorHarness.Text("experiments/a.yaml", first),
            GeneratorHarness.Text("experiments/b.yaml", second),
            .. Experiments.All(),
        ]);

        var lines = run.DiagnosticLines;
        lines.Count.ShouldBe(3);
        lines.Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)]).ShouldBe(
        [
            "FMTL009 experiments/a.yaml(1,7)",
            "FMTL009 experiments/b.yaml(1,7)",
            "FMTL009 experiments/c.yaml(1,7)",
        ]);
        lines[0].ShouldBe("FMTL009 experiments/a.yaml(1,7): experiment name 'small' is also declared at '/repo/experiments/b.yaml(1,7)', '/repo/experiments/c.yaml(1,7)'; only this first declaration by file path is generated");
        lines[1].ShouldEndWith("is already declared at '/repo/experiments/a.yaml(1,7)', which is generated instead of this one");
        run.HintNames.Count(hint => hint == "FairMtl.Generated.Experiments.Small.g.cs").ShouldBe(1);
        run.Source("FairMtl.Generated.Experiments.Small.g.cs").ShouldContain("Description: \"first\"");
        run.Source("FairMtl.Generated.ExperimentRegistry.g.cs").ShouldContain("Small.Compiled");
        run.OutputProblems.ShouldBeEmpty();
    }

    [Fact]
    public void Names_that_generate_the_same_type_are_duplicates_too()
    {
        var run = GeneratorHarness.Run(
        [
            GeneratorHarness.Text("experiments/a.yaml", Experiments.Small.Replace("name: small", "name: my-run", StringComparison.Ordinal)),
            GeneratorHarness.Text("experiments/b.yaml", Experiments.Small.Replace("name: small", "name: my_run", StringComparison.Ordinal)),
        ]);

        run.DiagnosticLines.Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)]).ShouldBe(
            ["FMTL009 experiments/a.yaml(1,7)", "FMTL009 experiments/b.yaml(1,7)"]);
        run.DiagnosticLines[0].ShouldContain("'global::FairMtl.Generated.Experiments.MyRun'");
        run.HintNames.Count(hint => hint == "FairMtl.Generated.Experiments.MyRun.g.cs").ShouldBe(1);
        run.OutputProblems.ShouldBeEmpty();
    }

    [Fact]
    public void A_name_that_would_clash_with_a_generated_member_gets_a_suffix()
    {
        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/a.yaml", Experiments.Small.Replace("name: small", "name: results", StringComparison.Ordinal))]);

        run.HintNames.ShouldContain("FairMtl.Generated.Experiments.ResultsExperiment.g.cs");
        run.OutputProblems.ShouldBeEmpty();
    }
}
