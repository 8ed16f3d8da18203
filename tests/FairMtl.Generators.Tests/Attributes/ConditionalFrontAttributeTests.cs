using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Tests.Attributes;

/// <summary>A method comparison's lambda front and its loss-conditional mode declared with attributes ([Front],
/// [ConditionalFront]): lowered to the comparison YAML's <c>front</c> and read by the same reader, so the compiled spec is
/// the YAML's and its mistakes are build errors at the attributes.</summary>
public sealed class ConditionalFrontAttributeTests
{
    private const string Path = "experiments/LsacFrontAttr.cs";
    private const string Data = "experiments/data/lsac/bar_pass_prediction.csv";

    private const string Source = """
        using FairMtl.Declarations;
        using FairMtl.Spec;

        namespace FairMtl.Experiments;

        [Experiment("lsac-front-attr", Description = "LSAC bar passage, fairness as an auxiliary task, one conditional model per method.")]
        [Dataset("data/lsac/bar_pass_prediction.csv", Missing = new[] { "" }, Include = new[] { "lsat", "ugpa", "fam_inc" }, Categorical = new[] { "fam_inc" })]
        [Split(Test = 0.2, Validation = 0.2)]
        [Trunk(16, Activation = Activation.Relu)]
        [Task("bar", "pass_bar")]
        [Sensitive("gender", "gender", Privileged = new[] { "male" })]
        [Method("STL", MethodKind.SingleTask)]
        [Method("MTL-GLF", MethodKind.Auxiliary, Loss = FairnessLossKind.Glf, Lambda = 0.5)]
        [Method("MTL-GLD", MethodKind.Auxiliary, Loss = FairnessLossKind.Gld, Lambda = 0.5)]
        [Front("MTL-GLF", "MTL-GLD", From = 0.1, To = 0.9, Count = 3, Fairness = FairnessMetric.Eod, Attribute = "gender")]
        [ConditionalFront(Sampling = ConditionalSampling.PerRow, Epochs = 3, Grid = 5)]
        [Protocol(Repetitions = 2, Seed = 0)]
        [Optimizer(OptimizerKind.Adam, LearningRate = 0.001)]
        [Training(BatchSize = 256, Epochs = 2)]
        public partial class LsacFrontAttr
        {
        }
        """;

    private const string Yaml = """
        name: lsac-front-attr
        description: the same in YAML
        data:
          file: data/lsac/bar_pass_prediction.csv
          missing: [""]
          features: { include: [lsat, ugpa, fam_inc] }
          categorical: [fam_inc]
          split: { test: 0.2, validation: 0.2 }
        model: { trunk: [16], activation: relu }
        tasks:
          bar: { column: pass_bar }
        sensitive:
          gender: { column: gender, privileged: [male] }
        methods:
          STL: { kind: single-task }
          MTL-GLF: { kind: auxiliary, loss: glf, lambda: 0.5 }
          MTL-GLD: { kind: auxiliary, loss: gld, lambda: 0.5 }
        front:
          methods: [MTL-GLF, MTL-GLD]
          lambda: { from: 0.1, to: 0.9, count: 3 }
          fairness: eod
          attribute: gender
          conditional: { sampling: per-row, epochs: 3, grid: 5 }
        protocol: { repetitions: 2, seed: 0 }
        training:
          optimizer: { name: adam, lr: 0.001 }
          batch_size: 256
          epochs: 2
        """;

    [Fact]
    public void The_attributes_compile_to_the_spec_the_reader_makes_of_the_same_yaml()
    {
        var compiled = AttributeHarness.CompiledComparison(Source, Path, GeneratorHarness.RepoFile(Data));
        var yaml = ComparisonYamlReader.Parse(Yaml, "front.yaml", System.IO.Path.Combine(GeneratorHarness.RepositoryRoot, "experiments")).Spec;

        var front = ((MethodComparisonSpec)compiled).Front;
        front.Methods.ShouldBe(["MTL-GLF", "MTL-GLD"]);
        front.Conditional.ShouldBe(new ConditionalSpec(ConditionalSampling.PerRow, ConditionalDistribution.Uniform, true, 3, 5));
        (compiled with { Description = yaml.Description }).ShouldBe(yaml);
    }

    [Fact]
    public void Without_the_conditional_attribute_the_front_trains_a_model_per_lambda()
    {
        var source = Source.Replace("[ConditionalFront(Sampling = ConditionalSampling.PerRow, Epochs = 3, Grid = 5)]", string.Empty, StringComparison.Ordinal);
        source.ShouldNotBe(Source);

        var front = ((MethodComparisonSpec)AttributeHarness.CompiledComparison(source, Path, GeneratorHarness.RepoFile(Data))).Front;
        (front.Conditional, front.Lambdas.Count).ShouldBe((null, 3));
    }

    [Theory]
    [InlineData("Grid = 5)]", "Grid = 1)]", "Grid = ", "1", "FMTL003", "'front.conditional.grid' must be 0 (no grid) or an integer from 2 to 10000")]
    [InlineData("[Front(\"MTL-GLF\", \"MTL-GLD\"", "[Front(\"MTL-GLF\", \"MTL-GLX\"", "[Front(\"MTL-GLF\", ", "\"MTL-GLX\"", "FMTL008", "unknown method 'MTL-GLX'")]
    [InlineData("[Front(\"MTL-GLF\", \"MTL-GLD\"", "[Front(\"MTL-GLF\", \"STL\"", "[Front(\"MTL-GLF\", ", "\"STL\"", "FMTL003", "method 'STL' has no lambda to sweep")]
    public void A_mistake_is_a_build_error_at_the_attribute_argument(string from, string to, string anchor, string target, string id, string message)
    {
        var source = Source.Replace(from, to, StringComparison.Ordinal);
        source.ShouldNotBe(Source);

        AttributeHarness.ShouldReportErrorAt(source, Path, GeneratorHarness.RepoFile(Data), anchor, target, id, message);
    }

    [Fact]
    public void A_conditional_front_without_a_front_is_a_build_error_at_it()
    {
        var source = Source.Replace("[Front(\"MTL-GLF\", \"MTL-GLD\", From = 0.1, To = 0.9, Count = 3, Fairness = FairnessMetric.Eod, Attribute = \"gender\")]", string.Empty, StringComparison.Ordinal);
        source.ShouldNotBe(Source);

        var run = AttributeHarness.Run(source, Path, GeneratorHarness.RepoFile(Data));

        var diagnostic = run.Diagnostics.ShouldHaveSingleItem(string.Join("\n", run.DiagnosticLines));
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain("front");
        var span = diagnostic.Location.GetLineSpan();
        (span.StartLinePosition.Line + 1).ShouldBe(SourcePosition.Of(source, "[ConditionalFront(", "Sampling").Line);
    }
}
