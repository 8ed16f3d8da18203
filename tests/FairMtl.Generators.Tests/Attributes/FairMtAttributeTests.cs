using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Tests.Attributes;

/// <summary>A comparison experiment (here FairMT) declared with attributes: [Method] makes the class a comparison, its
/// attributes are lowered to comparison YAML, validated by the same reader and registered with that YAML.</summary>
public sealed class FairMtAttributeTests
{
    private const string Path = "experiments/LsacFairMtAttr.cs";
    private const string Data = "experiments/data/lsac/bar_pass_prediction.csv";

    private static readonly string Source = GeneratorHarness.ReadRepoFile(Path);

    [Fact]
    public void The_attribute_declaration_builds_clean_and_is_registered_as_a_comparison()
    {
        var run = AttributeHarness.Run(Source, Path, GeneratorHarness.RepoFile(Data));

        run.DiagnosticLines.ShouldBeEmpty();
        run.HintNames.ShouldBe(["FairMtl.Generated.ExperimentRegistry.g.cs"], "a comparison gets no generated members");
        var registry = run.Source(run.HintNames.Single());
        registry.ShouldContain($"new global::FairMtl.Compiled.CompiledComparison(\"lsac-fairmt-attr\", \"{GeneratorHarness.Root}{Path}\", ");
        registry.ShouldContain("harm: !!map");
    }

    [Fact]
    public void The_engine_is_lowered_into_the_registered_yaml_and_kept_through_the_last_epoch_selection()
    {
        var source = Source.Replace("[Training(BatchSize = 256, Epochs = 2)]", "[Training(BatchSize = 256, Epochs = 2, Engine = TrainingEngine.Torch)]", StringComparison.Ordinal);
        source.ShouldNotBe(Source);

        var run = AttributeHarness.Run(source, Path, GeneratorHarness.RepoFile(Data));

        run.DiagnosticLines.ShouldBeEmpty();
        run.Source(run.HintNames.Single()).ShouldContain("engine: torch");
        var registry = GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.ExperimentRegistry")!;
        var compiled = ((IReadOnlyList<FairMtl.Compiled.CompiledComparison>)registry.GetProperty("Comparisons")!.GetValue(null)!).ShouldHaveSingleItem();
        var training = compiled.Load().Spec.Training;
        (training.Selection, training.Engine).ShouldBe((FairMtl.Spec.EpochChoice.LastEpoch, FairMtl.Spec.TrainingEngine.Torch));
    }

    [Theory]
    [InlineData("Harm = HarmKind.Opportunity)]\n[Sensitive", "Harm = HarmKind.Parity)]\n[Sensitive", "Type = HeadTask.MultiClass, Harm = ", "HarmKind.Parity", "FMTL003",
        "'tasks.tier.harm.kind' must be opportunity (the soft positive rates of a multi-class task sum to 1")]
    [InlineData("DualStep = 0.5", "DualStep = -1", "DualStep = ", "-1", "FMTL006", "'methods.PD.dual_step' must be a number > 0")]
    [InlineData("Epsilons = new[] { 0.01 }", "Epsilons = new double[0]", "Epsilons = ", "new double[0]", "FMTL006", "'sweep.epsilon' must list at least one value")]
    [InlineData("[Sensitive(\"race\", \"race1\"", "[Sensitive(\"race\", \"race9\"", "[Sensitive(\"race\", ", "\"race9\"", "FMTL004", "unknown column 'race9'")]
    public void A_mistake_is_a_build_error_at_the_attribute_argument(string from, string to, string anchor, string target, string id, string message)
    {
        var source = Source.Replace(from, to, StringComparison.Ordinal);
        source.ShouldNotBe(Source);

        AttributeHarness.ShouldReportErrorAt(source, Path, GeneratorHarness.RepoFile(Data), anchor, target, id, message);
    }

    [Fact]
    public void A_comparison_class_without_tasks_names_the_missing_attribute()
    {
        var source = Source.Replace("[Task(\"gpa\"", "// [Task(\"gpa\"", StringComparison.Ordinal)
            .Replace("[Task(\"bar\"", "// [Task(\"bar\"", StringComparison.Ordinal)
            .Replace("[Task(\"tier\"", "// [Task(\"tier\"", StringComparison.Ordinal);

        var run = AttributeHarness.Run(source, Path);

        run.DiagnosticLines.ShouldHaveSingleItem().ShouldContain("FMTL007");
        run.DiagnosticLines.Single().ShouldContain("missing required attribute [Task]: it declares a task (YAML 'tasks')");
    }
}
