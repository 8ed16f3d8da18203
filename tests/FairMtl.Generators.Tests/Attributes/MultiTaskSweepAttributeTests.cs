using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Tests.Attributes;

/// <summary>A multi-task comparison's settings ([MultiTaskSweep]) and their loss-conditional mode ([ConditionalSweep])
/// declared with attributes: lowered to the comparison YAML's <c>sweep</c> and read by the same reader, with a
/// comparison's defaults for what is not set.</summary>
public sealed class MultiTaskSweepAttributeTests
{
    private const string Path = "experiments/LsacMtafAttr.cs";
    private const string Data = "experiments/data/lsac/bar_pass_prediction.csv";

    private const string Source = """
        using FairMtl.Declarations;
        using FairMtl.Spec;

        namespace FairMtl.Experiments;

        [Experiment("lsac-mtaf-attr", Description = "LSAC, MTA-F's two tasks, one conditional model per method.")]
        [Dataset("data/lsac/bar_pass_prediction.csv", Missing = new[] { "" }, Include = new[] { "lsat", "ugpa", "fam_inc" }, Categorical = new[] { "fam_inc" })]
        [Split(Test = 0.2, Validation = 0.2)]
        [Trunk(16, Activation = Activation.Relu, HeadHidden = new[] { 8 })]
        [Task("high_fygpa", "zfygpa", Above = 0)]
        [Task("pass_bar", "pass_bar")]
        [Sensitive("gender", "gender", Privileged = new[] { "male" })]
        [Method("MTL", MethodKind.MultiTask)]
        [Method("MTAF", MethodKind.MtaF, Loss = FairnessLossKind.Mmd, Bandwidth = 0.2)]
        [MultiTaskSweep(20, Seed = 3, Lambda = new[] { 0.0, 3.0 })]
        [ConditionalSweep(Epochs = 4, Grid = 7)]
        [Protocol(Repetitions = 2, Seed = 0)]
        [Optimizer(OptimizerKind.Adam, LearningRate = 0.001)]
        [Training(BatchSize = 256, Epochs = 2)]
        public partial class LsacMtafAttr
        {
        }
        """;

    private const string Yaml = """
        name: lsac-mtaf-attr
        description: the same in YAML
        data:
          file: data/lsac/bar_pass_prediction.csv
          missing: [""]
          features: { include: [lsat, ugpa, fam_inc] }
          categorical: [fam_inc]
          split: { test: 0.2, validation: 0.2 }
        model: { trunk: [16], activation: relu, head_hidden: [8] }
        tasks:
          high_fygpa: { column: zfygpa, above: 0 }
          pass_bar: { column: pass_bar }
        sensitive:
          gender: { column: gender, privileged: [male] }
        methods:
          MTL: { kind: multi-task }
          MTAF: { kind: mta-f, loss: mmd, bandwidth: 0.2 }
        sweep: { runs: 20, seed: 3, lambda: [0, 3], conditional: { epochs: 4, grid: 7 } }
        protocol: { repetitions: 2, seed: 0 }
        training:
          optimizer: { name: adam, lr: 0.001 }
          batch_size: 256
          epochs: 2
        """;

    private static ComparisonSpec Compiled(string source) => AttributeHarness.CompiledComparison(source, Path, GeneratorHarness.RepoFile(Data));

    [Fact]
    public void The_attributes_compile_to_the_spec_the_reader_makes_of_the_same_yaml_with_a_comparison_s_defaults()
    {
        var compiled = Compiled(Source);
        var yaml = ComparisonYamlReader.Parse(Yaml, "mtaf.yaml", System.IO.Path.Combine(GeneratorHarness.RepositoryRoot, "experiments")).Spec;

        var sweep = ((MultiTaskSpec)compiled).Sweep;
        (sweep.Kind, sweep.Runs, sweep.Seed, sweep.Lambda).ShouldBe((SweepKind.Random, 20, 3, new ValueRange(0, 3)));
        sweep.Conditional.ShouldBe(new ConditionalSpec(ConditionalSampling.PerBatch, ConditionalDistribution.Uniform, true, 4, 7));
        (compiled with { Description = yaml.Description }).ShouldBe(yaml);

        var plain = (MultiTaskSpec)Compiled(Source.Replace("[ConditionalSweep(Epochs = 4, Grid = 7)]", string.Empty, StringComparison.Ordinal));
        (plain.Sweep.Conditional, plain.Sweep.Runs).ShouldBe((null, 20));
    }

    [Theory]
    [InlineData("[MultiTaskSweep(20,", "[MultiTaskSweep(0,", "[MultiTaskSweep(", "0", "FMTL006", "'sweep.runs' must be an integer in [1, 100000]")]
    [InlineData("Lambda = new[] { 0.0, 3.0 }", "Lambda = new[] { 3.0, 0.0 }", "Lambda = ", "new[] { 3.0, 0.0 }", "FMTL006", "'sweep.lambda'")]
    [InlineData("Grid = 7)]", "Grid = 10001)]", "Grid = ", "10001", "FMTL003", "'sweep.conditional.grid'")]
    public void A_mistake_is_a_build_error_at_the_attribute_argument(string from, string to, string anchor, string target, string id, string message)
    {
        var source = Source.Replace(from, to, StringComparison.Ordinal);
        source.ShouldNotBe(Source);

        AttributeHarness.ShouldReportErrorAt(source, Path, GeneratorHarness.RepoFile(Data), anchor, target, id, message);
    }
}
