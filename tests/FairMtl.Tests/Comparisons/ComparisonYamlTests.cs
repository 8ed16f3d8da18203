using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Yaml;

namespace FairMtl.Tests.Comparisons;

public class ComparisonYamlTests
{
    // Line numbers in the cases below count from this text's first line.
    internal const string Minimal = """
        name: cmp
        data:
          file: d.csv
        tasks:
          y: { column: label }
        sensitive:
          g: { column: group, privileged: [a] }
        methods:
          STL: { kind: single-task }
          AUX: { kind: auxiliary, loss: glf }
        training:
          epochs: 3
        """;

    private static LoadedComparison Parse(string yaml) => ComparisonYamlReader.Parse(yaml, "cmp.yaml", "/base");

    private static FairMtlException Error(string yaml) => Should.Throw<FairMtlException>(() => Parse(yaml));

    [Fact]
    public void A_file_with_a_methods_key_is_a_comparison_and_others_are_not()
    {
        ComparisonYamlReader.Declares(Minimal).ShouldBeTrue();
        ComparisonYamlReader.Declares(YamlTestFiles.TwoHeads).ShouldBeFalse();
        ComparisonYamlReader.Declares("name: [unclosed").ShouldBeFalse();
    }

    [Fact]
    public void Defaults_follow_the_papers_protocol()
    {
        var spec = Parse(Minimal).Spec;
        spec.Protocol.ShouldBe(new ProtocolSpec(10, 0));
        spec.Data.Split.ShouldBe(new SplitSpec(0.2, 0.25, 0), "0.6/0.2/0.2 of all rows, as the paper");
        spec.Training.BatchSize.ShouldBe(256);
        spec.Training.Epochs.ShouldBe(3);
        spec.Model.Trunk.ShouldBe([64, 32]);
        spec.Methods.Select(m => m.Name).ShouldBe(["STL", "AUX"]);
        spec.Methods[1].ShouldBe(new MethodSpec("AUX", MethodKind.Auxiliary, FairnessLossKind.Glf, 0.5, 0d, 0d, string.Empty));
        spec.Sensitive[0].ShouldBe(new SensitiveAttributeSpec("g", new GroupSpec("group", GroupRule.Privileged, 0d, EquatableArray<string>.Empty, new[] { "a" })));
        spec.ShouldBeOfType<MethodComparisonSpec>().Front.Lambdas.Count.ShouldBe(0);
        spec.Data.Standardize.ShouldBeTrue();
    }

    [Fact]
    public void Every_method_kind_and_the_front_are_read()
    {
        var spec = Parse(Minimal
            .WithLine("g:", "  g: { column: group }\n  age: { column: age, range: [25, 60] }")
            .WithLine("AUX:", """
                  AUX: { kind: auxiliary, loss: gld, lambda: 0.25 }
                  AUX-BGL: { kind: auxiliary, loss: bgl, lambda: 0.5, epsilon: 0.4 }
                  BGL: { kind: regularized, loss: bgl, lambda: 2, epsilon: 0.3 }
                  ADV: { kind: adversarial, weight: 0.5 }
                  GTD: { kind: group-decomposition, attribute: age }
                front:
                  methods: [AUX, BGL]
                  lambda: { from: 0.1, to: 0.3, count: 3 }
                  fairness: fpr-gap
                  attribute: age
                protocol: { repetitions: 3, seed: 7 }
                """)).Spec;

        spec.Sensitive[0].Groups.Rule.ShouldBe(GroupRule.Categories);
        spec.Sensitive[1].ShouldBe(new SensitiveAttributeSpec("age", new GroupSpec("age", GroupRule.Range, 0d, EquatableArray<string>.Empty, EquatableArray<string>.Empty, 25, 60)));
        spec.Methods.Select(m => (m.Kind, m.Loss, m.Lambda, m.Epsilon, m.Weight, m.Attribute)).ShouldBe(
        [
            (MethodKind.SingleTask, FairnessLossKind.Glf, 0d, 0d, 0d, string.Empty),
            (MethodKind.Auxiliary, FairnessLossKind.Gld, 0.25, 0d, 0d, string.Empty),
            (MethodKind.Auxiliary, FairnessLossKind.Bgl, 0.5, 0.4, 0d, string.Empty),
            (MethodKind.Regularized, FairnessLossKind.Bgl, 2d, 0.3, 0d, string.Empty),
            (MethodKind.Adversarial, FairnessLossKind.Glf, 0d, 0d, 0.5, string.Empty),
            (MethodKind.GroupDecomposition, FairnessLossKind.Glf, 0d, 0d, 0d, "age"),
        ]);
        spec.ShouldBeOfType<MethodComparisonSpec>().Front.ShouldBe(new FrontSpec(new[] { "AUX", "BGL" }, new[] { 0.1, 0.2, 0.3 }, FairnessMetric.FprGap, "age"));
        spec.Protocol.ShouldBe(new ProtocolSpec(3, 7));
    }

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        {
            Minimal.WithLine("AUX:", "  AUX: { kind: auxiliary, loss: dpl }"), DiagnosticCodes.InvalidValue, 10, 33,
            "'methods.AUX.loss' must be glf, gld or bgl (the auxiliary fairness heads train with a loss of their group losses), got 'dpl'"
        },
        {
            Minimal.WithLine("AUX:", "  AUX: { kind: adversarial, lambda: 1 }"), DiagnosticCodes.UnknownKey, 10, 29,
            "'lambda' does not apply to a method of kind 'adversarial' (its keys: kind, weight)"
        },
        {
            Minimal.WithLine("AUX:", "  AUX: { kind: regularized, loss: bgl }"), DiagnosticCodes.MissingKey, 10, 8,
            "missing required key 'epsilon' in 'methods.AUX'"
        },
        {
            Minimal.WithLine("AUX:", "  AUX: { kind: auxiliary, loss: bgl }"), DiagnosticCodes.MissingKey, 10, 8,
            "missing required key 'epsilon' in 'methods.AUX'"
        },
        {
            Minimal.WithLine("AUX:", "  AUX: { kind: auxiliary, loss: glf, epsilon: 1 }"), DiagnosticCodes.UnknownKey, 10, 47,
            "'epsilon' is the bound of 'loss: bgl' and applies to it only"
        },
        {
            Minimal.WithLine("AUX:", "  AUX: { kind: regularized, loss: dpl, epsilon: 1 }"), DiagnosticCodes.UnknownKey, 10, 49,
            "'epsilon' is the bound of 'loss: bgl' and applies to it only"
        },
        {
            Minimal.WithLine("AUX:", "  AUX: { kind: auxiliary, loss: glf, lambda: 1.5 }"), DiagnosticCodes.ImpossibleRange, 10, 46,
            "'methods.AUX.lambda' must be a number in [0, 1], got '1.5'"
        },
        {
            Minimal.WithLine("AUX:", "  AUX: { kind: group-decomposition, attribute: gg }"), DiagnosticCodes.UnknownReference, 10, 48,
            "unknown sensitive attribute 'gg'; did you mean 'g'? (expected one of: g)"
        },
        {
            Minimal + "\nfront: { methods: [AXU], lambda: [0.1] }", DiagnosticCodes.UnknownReference, 13, 20,
            "unknown method 'AXU'; did you mean 'AUX'? (expected one of: STL, AUX)"
        },
        {
            Minimal + "\nfront: { methods: [STL], lambda: [0.1] }", DiagnosticCodes.InvalidValue, 13, 20,
            "method 'STL' has no lambda to sweep (expected an auxiliary or regularized method)"
        },
        {
            Minimal.WithLine("g:", "  g: { column: group, privileged: [a], range: [1, 2] }"), DiagnosticCodes.UnknownReference, 7, 47,
            "'sensitive.g' takes 'privileged' or 'range', not both"
        },
        {
            Minimal + "\nprotocol: { validation: 0.2, test: 0.2 }", DiagnosticCodes.UnknownKey, 13, 25,
            "'protocol.validation' and 'protocol.test' moved to 'data.split', the split model of every experiment, where validation is a share of "
            + "the rows left after the test rows; for the same split write data.split: { test: 0.2, validation: 0.25 }"
        },
        {
            Minimal + "\nprotocol: { test: 0.3, validation: 0.1, split: random }", DiagnosticCodes.UnknownKey, 13, 36,
            "'protocol.validation' and 'protocol.test' moved to 'data.split', the split model of every experiment, where validation is a share of "
            + "the rows left after the test rows; for the same split write data.split: { test: 0.3, validation: 0.14285714285714288 }"
        },
        {
            Minimal + "\nprotocol: { validation: 0.5, test: 0.5 }", DiagnosticCodes.UnknownKey, 13, 25,
            "'protocol.validation' and 'protocol.test' moved to 'data.split', the split model of every experiment, where validation is a share of "
            + "the rows left after the test rows; validation 0.5 and test 0.5 of all rows left no training rows: write data.split: { test: 0.5, validation: v } with v below 1"
        },
        {
            Minimal.WithLine("file:", "  file: d.csv\n  split: { seed: 3 }"), DiagnosticCodes.UnknownReference, 4, 18,
            "a comparison splits repetition r with protocol.seed + r; set the seed there ('data.split.seed' is the split seed of a sweep)"
        },
        {
            Minimal.WithLine("file:", "  file: d.csv\n  split: { validation: 1 }"), DiagnosticCodes.ImpossibleRange, 4, 24,
            "'data.split.validation' must be a number in [0, 1) (a share of the rows left after the test rows), got '1'"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mistakes_are_located_errors(string yaml, string code, int line, int column, string detail)
    {
        var error = Error(yaml);
        error.Code.ShouldBe(code);
        error.Detail.ShouldStartWith(detail);
        error.Location.ShouldNotBeNull();
        (error.Location!.Line, error.Location.Column).ShouldBe((line, column));
        error.Location.File.ShouldBe("cmp.yaml");
    }

    [Fact]
    public void The_repository_comparison_experiments_parse()
    {
        var files = Directory.GetFiles(Data.TestExperiments.ExperimentsDirectory, "*.yaml")
            .Where(f => ComparisonYamlReader.Declares(File.ReadAllText(f)))
            .ToArray();
        files.Length.ShouldBeGreaterThanOrEqualTo(9);
        var specs = files.Select(file => ComparisonYamlReader.Parse(File.ReadAllText(file), file, Path.GetDirectoryName(file)!).Spec).ToArray();
        specs.Count(spec => spec is MultiTaskSpec).ShouldBe(17);
        specs.OfType<MultiTaskSpec>().Count(spec => spec.Sweep.Conditional is not null).ShouldBe(1);
        foreach (var spec in specs.OfType<MethodComparisonSpec>())
        {
            var file = spec.Name;
            if (spec.Front.Conditional is not null)
            {
                // The conditional front beside the single-task reference its hypervolume is measured against.
                spec.Methods.Select(m => m.Name).ToArray().ShouldBe(["STL", "MTL-GLF", "MTL-GLD"], file);
                spec.Front.Methods.ToArray().ShouldBe(["MTL-GLF", "MTL-GLD"], file);
                continue;
            }

            spec.Methods.Select(m => m.Kind).Distinct().Count().ShouldBe(5, file);
            spec.Protocol.Repetitions.ShouldBe(10);
            if (spec.Evaluation is null)
            {
                spec.Front.Methods.ShouldBe(["MTL-GLF", "MTL-GLD"]);
                continue;
            }

            // The auxiliary-task paper's own protocol: SGD, its EOD and its ranking, every method of its Table 1.
            spec.Evaluation.ShouldBe(new ComparisonEvaluationSpec(EodDefinition.Mean, new[] { TableMetric.Auc, TableMetric.Eod, TableMetric.Eopd, TableMetric.Gaucd }), file);
            spec.Training.Optimizer.Kind.ShouldBe(OptimizerKind.Sgd, file);
            spec.Methods.Select(m => m.Name).ShouldBe(["STL", "BGL", "DPL", "FPRL", "TPRL", "ADV", "GTD", "MTL-BGL", "MTL-GLD", "MTL-GLF"]);
        }
    }
}
