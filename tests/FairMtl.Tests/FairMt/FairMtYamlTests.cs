using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Yaml;

namespace FairMtl.Tests.FairMt;

public class FairMtYamlTests
{
    // Line numbers in the cases below count from this text's first line.
    internal const string Minimal = """
        name: fmt
        data: { file: d.csv, missing: [""], split: { test: 0.25, validation: 0.25 } }
        model: { trunk: [8], head_hidden: [4] }
        tasks:
          y: { type: regression, column: ly, loss: mae, standardize: true, harm: { kind: mae, tolerance: 0.01, scale: measured } }
          b: { column: lb, positive: ["yes"], weight: 2, harm: opportunity, missing: { rate: 0.3, mechanism: by-group, group: x } }
          c: { type: multi-class, column: lc, classes: [lo, mid, hi] }
          m: { type: multi-label, columns: [m1, m2], harm: { kind: parity, favourable: negative } }
        sensitive:
          g: { column: group, privileged: [x] }
        constraint: { reference: population, aggregate: smooth, temperature: 0.05 }
        methods:
          MTL: { kind: multi-task }
          SYM: { kind: penalty, violation: symmetric }
          PD: { kind: primal-dual, dual_step: 0.2, averaging: 0.9, head_aware: false, combine: min-norm }
        sweep: { lambda: [0.5, 2], epsilon: [0, 0.05, 0.1] }
        protocol: { repetitions: 2, seed: 4 }
        training: { epochs: 3 }
        """;

    private static LoadedComparison Parse(string yaml) => ComparisonYamlReader.Parse(yaml, "fmt.yaml", "/base");

    [Fact]
    public void The_fairmt_keys_are_read()
    {
        var spec = Parse(Minimal).Spec.ShouldBeOfType<FairMtSpec>();

        spec.Tasks[0].ShouldBe(new TaskSpec(
            "y", "ly", EquatableArray<string>.Empty, Type: HeadTask.Regression, Loss: RegressionLoss.Mae, Standardize: true,
            Harm: new HarmSpec(HarmKind.Mae, 0.01, 0d)));
        spec.Tasks[1].ShouldBe(new TaskSpec(
            "b", "lb", new[] { "yes" }, Weight: 2d, Harm: new HarmSpec(HarmKind.Opportunity, 0d, 1d), Missing: new MissingLabelsSpec(0.3, MissingMechanism.ByGroup, "x")));
        spec.Tasks[2].ShouldBe(new TaskSpec("c", "lc", EquatableArray<string>.Empty, Type: HeadTask.MultiClass, Classes: new[] { "lo", "mid", "hi" }));
        spec.Tasks[3].ShouldBe(new TaskSpec(
            "m", "m1", EquatableArray<string>.Empty, Type: HeadTask.MultiLabel, Labels: new[] { "m1", "m2" }, Harm: new HarmSpec(HarmKind.Parity, 0d, 1d, FavourableNegative: true)));
        spec.Constraint.ShouldBe(new ConstraintSpec(new[] { "g" }, HarmReference.Population, AggregationKind.Smooth, 0.05));
        spec.Methods.Select(m => (m.Kind, m.Violation, m.DualStep, m.Averaging, m.HeadAware, m.MinNorm)).ShouldBe(
        [
            (MethodKind.MultiTask, ViolationKind.OneSided, 0d, 0d, true, false),
            (MethodKind.Penalty, ViolationKind.Symmetric, 0d, 0d, true, false),
            (MethodKind.PrimalDual, ViolationKind.OneSided, 0.2, 0.9, false, true),
        ]);
        spec.Sweep.ShouldBe(new ConstraintSweepSpec(new[] { 0.5, 2d }, new[] { 0d, 0.05, 0.1 }));
        ModelCount.Of(spec).ShouldBe((1 + 2 + 3) * 2);
    }

    [Fact]
    public void The_constraint_defaults_to_the_first_attribute_the_best_group_and_the_maximum() =>
        Parse(Minimal.WithLine("constraint:", string.Empty)).Spec.ShouldBeOfType<FairMtSpec>().Constraint
            .ShouldBe(new ConstraintSpec(new[] { "g" }, HarmReference.BestGroup, AggregationKind.Max, 0d));

    [Fact]
    public void The_constraint_takes_several_attributes()
    {
        var yaml = Minimal.WithLine("g:", "  g: { column: group, privileged: [x] }\n  h: { column: other, privileged: [y] }")
            .WithLine("constraint:", "constraint: { attributes: [h, g] }");
        Parse(yaml).Spec.ShouldBeOfType<FairMtSpec>().Constraint.Attributes.ShouldBe(["h", "g"]);
        var error = Should.Throw<FairMtlException>(() => Parse(yaml.WithLine("constraint:", "constraint: { attribute: g, attributes: [h] }")));
        error.Detail.ShouldBe("'constraint' takes 'attribute' or 'attributes', not both");
        Should.Throw<FairMtlException>(() => Parse(yaml.WithLine("constraint:", "constraint: { attributes: [g, g] }"))).Detail
            .ShouldBe("sensitive attribute 'g' is listed twice");
    }

    [Fact]
    public void A_file_without_fairmt_methods_keeps_its_kind_and_refuses_the_fairmt_keys()
    {
        var error = Should.Throw<FairMtlException>(() => ComparisonYamlReader.Parse(
            Comparisons.MultiTaskYamlTests.Minimal.WithLine("b:", "  b: { type: regression, column: lb }"), "mt.yaml", "/base"));
        error.Code.ShouldBe(DiagnosticCodes.UnknownKey);
        error.Detail.ShouldStartWith("unknown key 'type'");
    }

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        {
            Minimal.WithLine("b:", "  b: { column: lb, positive: [\"yes\"], threshold: matched }"), DiagnosticCodes.InvalidValue, 6, 50,
            "'threshold: matched' is taken from the evaluated rows' scores, but the FairMT kind also trains at its tasks' thresholds"
        },
        {
            Minimal.WithLine("c:", "  c: { type: multi-class, column: lc, loss: mse }"), DiagnosticCodes.UnknownKey, 7, 39,
            "'loss' does not apply to a task of type 'multi-class' (its keys: type, column, classes, weight, harm, missing)"
        },
        {
            Minimal.WithLine("c:", "  c: { type: multi-class, column: lc, harm: parity }"), DiagnosticCodes.InvalidValue, 7, 45,
            "'tasks.c.harm' must be opportunity (the soft positive rates of a multi-class task sum to 1"
        },
        {
            Minimal.WithLine("y:", "  y: { type: regression, column: ly, harm: opportunity }"), DiagnosticCodes.InvalidValue, 5, 44,
            "'tasks.y.harm' must be mse or mae (a regression task's harm is its group error)"
        },
        {
            Minimal.WithLine("m:", "  m: { type: multi-label, columns: [m1] }"), DiagnosticCodes.ImpossibleRange, 8, 36,
            "a multi-label task needs at least two columns under 'tasks.m.columns'"
        },
        {
            Minimal.WithLine("b:", "  b: { column: lb, missing: { rate: 0.3, mechanism: by-group } }"), DiagnosticCodes.MissingKey, 6, 29,
            "'mechanism: by-group' needs 'tasks.b.missing.group'"
        },
        {
            Minimal.WithLine("b:", "  b: { column: lb, missing: { rate: 1 } }"), DiagnosticCodes.ImpossibleRange, 6, 37,
            "'tasks.b.missing.rate' must be a number in [0, 1)"
        },
        {
            Minimal.WithLine("constraint:", "constraint: { attribute: gg }"), DiagnosticCodes.UnknownReference, 11, 26,
            "unknown sensitive attribute 'gg'"
        },
        {
            Minimal.WithLine("constraint:", "constraint: { aggregate: max, temperature: 1 }"), DiagnosticCodes.UnknownKey, 11, 44,
            "'temperature' applies to 'aggregate: smooth' only"
        },
        {
            Minimal.WithLine("sweep:", "sweep: { lambda: [1] }"), DiagnosticCodes.MissingKey, 16, 8,
            "the primal-dual methods need 'sweep.epsilon': the constraint bounds"
        },
        {
            Minimal.WithLine("SYM:", "  SYM: { kind: single-task }"), DiagnosticCodes.InvalidValue, 13, 3,
            "method 'SYM' cannot be compared with the FairMT methods (penalty, primal-dual) in one experiment"
        },
        {
            Minimal.WithLine("SYM:", "  SYM: { kind: mta-f, loss: corr }"), DiagnosticCodes.InvalidValue, 13, 3,
            "method 'SYM' (mta-f) needs binary tasks, but task 'y' is regression"
        },
        {
            Minimal.WithLine("MTL:", "  MTL: { kind: multi-task, dual_step: 1 }"), DiagnosticCodes.UnknownKey, 13, 28,
            "'dual_step' does not apply to a method of kind 'multi-task'"
        },
        {
            Minimal.WithLine("y:", "  y: { type: regression, column: ly }").WithLine("b:", "  b: { column: lb }").WithLine("m:", "  m: { type: multi-label, columns: [m1, m2] }"),
            DiagnosticCodes.MissingKey, 5, 3,
            "no task declares a 'harm', so there is nothing to constrain"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mistakes_are_located_errors(string yaml, string code, int line, int column, string detail)
    {
        var error = Should.Throw<FairMtlException>(() => Parse(yaml));
        error.Detail.ShouldStartWith(detail);
        error.Code.ShouldBe(code);
        (error.Location!.Line, error.Location.Column).ShouldBe((line, column));
    }
}
