namespace FairMtl.Generators.Tests;

/// <summary>
/// The typed TorchSharp code of a comparison on the torch engine (each method's module and training objective):
/// generated only where the compilation references FairMtl.Torch (here a stand-in for its base class;
/// tests/FairMtl.Torch.Tests compiles and trains the real code of experiments/torch's comparisons), for valid method and
/// multi-task comparisons on the torch engine only, and never an error elsewhere.
/// </summary>
public sealed class TorchComparisonTests
{
    /// <summary>A compilation that "references FairMtl.Torch": the type the generator looks for.</summary>
    private const string TorchStandIn = "namespace FairMtl.Torch.Modules { public abstract class TorchModel { } }";

    private const string Registration = "FairMtl.Generated.TorchModelRegistration.g.cs";

    [Theory]
    [InlineData("experiments/torch/adult-sex-race.yaml", "AdultSexRaceTorch", "adult-sex-race-torch")]
    [InlineData("experiments/torch/adult-mtaf.yaml", "AdultMtafTorch", "adult-mtaf-torch")]
    [InlineData("experiments/torch/lsac-mtaf.yaml", "LsacMtafTorch", "lsac-mtaf-torch")]
    public void The_code_of_the_repository_torch_comparisons_matches_the_approved_snapshot(string file, string type, string name)
    {
        var run = GeneratorHarness.Run([GeneratorHarness.RepoFile(file)], TorchStandIn);

        run.DiagnosticLines.ShouldBeEmpty();
        run.HintNames.Order(StringComparer.Ordinal).ShouldBe(
        [
            "FairMtl.Generated.ExperimentRegistry.g.cs",
            $"FairMtl.Generated.Experiments.{type}.Torch.g.cs",
            Registration,
        ]);
        ApprovedSnapshot.Match(run.Source($"FairMtl.Generated.Experiments.{type}.Torch.g.cs"), name);
        run.Source(Registration).ShouldContain(
            $"global::FairMtl.Torch.Modules.TorchComparisons.Register(\"{name}\", new global::FairMtl.Torch.Modules.GeneratedComparison(global::FairMtl.Generated.Experiments.{type}TorchModel.CreateModel, global::FairMtl.Generated.Experiments.{type}TorchModel.CreateObjective));");
    }

    [Fact]
    public void The_excerpt_in_docs_generator_md_is_the_generated_comparison_code_line_for_line()
    {
        var run = GeneratorHarness.Run([GeneratorHarness.RepoFile("experiments/torch/adult-sex-race.yaml")], TorchStandIn);
        GeneratorHarness.ShouldContainDocsExcerpt(run.Source("FairMtl.Generated.Experiments.AdultSexRaceTorch.Torch.g.cs"), "generated-torch-comparison");
    }

    [Fact]
    public void An_auxiliary_method_with_BGL_keeps_its_bound_in_the_generated_objective()
    {
        var yaml = GeneratorHarness.ReadRepoFile("experiments/torch/adult-sex-race.yaml");
        var withBgl = yaml.Replace(
            "MTL-GLF: { kind: auxiliary, loss: glf, lambda: 0.5 }", "MTL-GLF: { kind: auxiliary, loss: bgl, lambda: 0.5, epsilon: 0.25 }", StringComparison.Ordinal);
        withBgl.ShouldNotBe(yaml);

        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/torch/adult-sex-race.yaml", withBgl)], TorchStandIn);

        run.DiagnosticLines.ShouldBeEmpty();
        var source = run.Source("FairMtl.Generated.Experiments.AdultSexRaceTorch.Torch.g.cs");
        source.ShouldContain("(fairness as an auxiliary task: BGL, lambda of the unit, epsilon 0.25)"); // the front method: lambda per unit
        source.ShouldContain("FairnessLossKind.Bgl, unit.Groups(\"sex\"), 0.25d, 0d)");
    }

    [Fact]
    public void Without_FairMtl_Torch_a_torch_comparison_gets_no_code_and_no_diagnostic()
    {
        var run = GeneratorHarness.Run([GeneratorHarness.RepoFile("experiments/torch/adult-sex-race.yaml"), GeneratorHarness.RepoFile("experiments/torch/adult-mtaf.yaml")]);

        run.DiagnosticLines.ShouldBeEmpty();
        run.HintNames.ShouldBe(["FairMtl.Generated.ExperimentRegistry.g.cs"]);
        run.OutputProblems.Select(d => d.ToString()).ShouldBeEmpty();
    }

    [Fact]
    public void A_native_comparison_and_a_FairMT_experiment_get_no_torch_code_even_where_FairMtl_Torch_is_referenced()
    {
        var fairMt = GeneratorHarness.ReadRepoFile("experiments/adult-fairmt.yaml").Replace("training:\n", "training:\n  engine: torch\n", StringComparison.Ordinal);
        fairMt.ShouldContain("engine: torch");
        var run = GeneratorHarness.Run(
            [GeneratorHarness.RepoFile("experiments/adult-sex-race.yaml"), GeneratorHarness.RepoFile("experiments/adult-mtaf.yaml"), GeneratorHarness.Text("experiments/fairmt-torch.yaml", fairMt)],
            TorchStandIn);

        run.DiagnosticLines.ShouldBeEmpty();
        run.HintNames.ShouldBe(["FairMtl.Generated.ExperimentRegistry.g.cs"]);
    }

    [Fact]
    public void A_torch_comparison_with_a_mistake_gets_its_diagnostic_and_no_code()
    {
        var yaml = GeneratorHarness.ReadRepoFile("experiments/torch/adult-sex-race.yaml");
        var broken = yaml.Replace("race: { column: race }", "race: { column: rase }", StringComparison.Ordinal);
        broken.ShouldNotBe(yaml);

        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/torch/adult-sex-race.yaml", broken)], TorchStandIn);

        run.DiagnosticLines.ShouldHaveSingleItem().ShouldContain("FMTL004");
        run.HintNames.ShouldBe(["FairMtl.Generated.ExperimentRegistry.g.cs"]);
    }
}
