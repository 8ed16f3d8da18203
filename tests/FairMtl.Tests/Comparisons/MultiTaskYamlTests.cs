using FairMtl.Diagnostics;
using FairMtl.MultiTask;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Yaml;

namespace FairMtl.Tests.Comparisons;

public class MultiTaskYamlTests
{
    // Line numbers in the cases below count from this text's first line.
    internal const string Minimal = """
        name: mt
        data:
          { file: d.csv, split: { validation: 0.1 } }
        model: { trunk: [8], head_hidden: [4] }
        tasks:
          a: { column: la, positive: ["yes"] }
          b: { column: lb, above: 0, threshold: prior }
        sensitive:
          g: { column: group, privileged: [x], unknown: ["?"] }
        methods:
          MTL: { kind: multi-task }
          BASE: { kind: fair-multi-task, loss: mmd, bandwidth: 0.2 }
          MTAF: { kind: mta-f, loss: corr, condition: odds }
        sweep: { kind: random, runs: 5, seed: 3, weight: [0.2, 0.8], lambda: [0, 2], ratio: [0.5, 1.5] }
        protocol: { split: files }
        training:
          epochs: 3
        """;

    private static LoadedComparison Parse(string yaml) => ComparisonYamlReader.Parse(yaml, "mt.yaml", "/base");

    [Fact]
    public void The_multi_task_keys_are_read()
    {
        var spec = Parse(Minimal).Spec.ShouldBeOfType<MultiTaskSpec>();

        spec.HeadHidden.ShouldBe([4]);
        spec.Tasks[0].ShouldBe(new TaskSpec("a", "la", new[] { "yes" }));
        spec.Tasks[1].ShouldBe(new TaskSpec("b", "lb", EquatableArray<string>.Empty, 0d, 0.5, PriorThreshold: true));
        spec.Sensitive[0].Groups.Unknown.ShouldBe(["?"]);
        spec.Methods.Select(m => (m.Kind, m.Loss, m.Bandwidth, m.Condition)).ShouldBe(
        [
            (MethodKind.MultiTask, FairnessLossKind.Glf, 0d, FairnessCondition.Opportunity),
            (MethodKind.FairMultiTask, FairnessLossKind.Mmd, 0.2, FairnessCondition.Opportunity),
            (MethodKind.MtaF, FairnessLossKind.Corr, 0d, FairnessCondition.Odds),
        ]);
        spec.Sweep.ShouldBe(new MultiTaskSweepSpec(SweepKind.Random, 5, 3, new ValueRange(0.2, 0.8), new ValueRange(0, 2), new ValueRange(0.5, 1.5)));
        spec.Protocol.Split.ShouldBe(SplitKind.Files);
        spec.Data.Split.Validation.ShouldBe(0.1);
    }

    [Fact]
    public void A_matched_threshold_is_read_as_the_prior_share_matched_on_the_scores()
    {
        var task = Parse(Minimal.WithLine("b:", "  b: { column: lb, above: 0, threshold: matched }")).Spec.Tasks[1];
        task.ShouldBe(new TaskSpec("b", "lb", EquatableArray<string>.Empty, 0d, 0.5, PriorThreshold: true, MatchedThreshold: true));
    }

    [Fact]
    public void A_matched_threshold_predicts_the_training_share_of_positives_on_the_evaluated_rows()
    {
        // Training share of positives 0.3; ten evaluated scores: the threshold is the 7th of 10 in ascending order
        // (position floor(0.7 * 10) - 1 = 6), so exactly 4 rows (scores >= it) are predicted positive, as the MTA-F
        // authors' rule does (one more than 0.3 * 10).
        var train = new FairMtl.Data.DataPart(10, 0, [], new Dictionary<string, float[]> { ["b"] = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0] }, [], null);
        var repetition = new FairMtl.Comparisons.RepetitionData(0, 0, train, train, train);
        var task = new TaskSpec("b", "lb", EquatableArray<string>.Empty, 0d, 0.5, PriorThreshold: true, MatchedThreshold: true);
        double[] scores = [0.9, 0.1, 0.35, 0.8, 0.2, 0.6, 0.05, 0.7, 0.4, 0.3];

        var threshold = repetition.Threshold(task, scores);

        threshold.ShouldBe(0.6);
        scores.Count(s => s >= threshold).ShouldBe(4);
        repetition.Threshold(task with { MatchedThreshold = false }, scores).ShouldBe(0.3, 1e-15);
        repetition.Threshold(task, []).ShouldBe(0.3, 1e-15);
    }

    [Fact]
    public void No_validation_rows_are_for_the_last_epochs_evaluation_only()
    {
        var yaml = Minimal.Replace("split: { validation: 0.1 }", "split: { validation: 0 }", StringComparison.Ordinal);
        Parse(yaml.WithLine("epochs:", "  epochs: 3\n  selection: last-epoch")).Spec.Data.Split.Validation.ShouldBe(0d);

        var error = Should.Throw<FairMtlException>(() => Parse(yaml));
        error.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        error.Detail.ShouldStartWith("'data.split.validation: 0' leaves no validation rows, which best-epoch selection needs");
        (error.Location!.Line, error.Location.Column).ShouldBe((3, 39));
    }

    [Fact]
    public void The_released_codes_shared_part_and_reduction_are_declared_options()
    {
        var spec = Parse(Minimal
            .WithLine("MTAF:", "  MTAF: { kind: mta-f, loss: corr, shared: released-code }")
            .WithLine("epochs:", "  epochs: 3\n  reduction: sum")).Spec;
        spec.Methods[2].Shared.ShouldBe(SharedFairness.ReleasedCode);
        spec.Methods[1].Shared.ShouldBe(SharedFairness.Paper);
        spec.Training.Reduction.ShouldBe(LossReduction.Sum);
        Parse(Minimal).Spec.Training.Reduction.ShouldBe(LossReduction.Mean);

        var misplaced = Should.Throw<FairMtlException>(() => Parse(Minimal.WithLine("BASE:", "  BASE: { kind: fair-multi-task, loss: corr, shared: paper }")));
        misplaced.Code.ShouldBe(DiagnosticCodes.UnknownKey);
        misplaced.Detail.ShouldStartWith("'shared' does not apply to a method of kind 'fair-multi-task'");
    }

    [Fact]
    public void A_summed_reduction_is_for_the_multi_task_methods_only()
    {
        var auxiliary = Should.Throw<FairMtlException>(() => Parse(ComparisonYamlTests.Minimal.WithLine("epochs:", "  epochs: 3\n  reduction: sum")));
        auxiliary.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        auxiliary.Detail.ShouldStartWith("'reduction: sum' applies to the multi-task methods");

        var fairMt = Should.Throw<FairMtlException>(() => Parse(FairMt.FairMtYamlTests.Minimal.WithLine("training:", "training: { epochs: 3, reduction: sum }")));
        fairMt.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        fairMt.Detail.ShouldStartWith("'reduction: sum' applies to the routed comparison methods");
    }

    [Fact]
    public void The_evaluation_block_is_for_method_comparisons_only()
    {
        var multiTask = Should.Throw<FairMtlException>(() => Parse(Minimal.WithLine("sweep:", "evaluation: { eod: mean }\nsweep:")));
        multiTask.Code.ShouldBe(DiagnosticCodes.UnknownKey);
        multiTask.Detail.ShouldStartWith("'evaluation' applies to method comparisons; multi-task comparisons report ARFG and ARE");

        var fairMt = Should.Throw<FairMtlException>(() => Parse(FairMt.FairMtYamlTests.Minimal.WithLine("training:", "evaluation: { eod: mean }\ntraining:")));
        fairMt.Code.ShouldBe(DiagnosticCodes.UnknownKey);
        fairMt.Detail.ShouldStartWith("'evaluation' applies to method comparisons; the FairMT kind");
    }

    [Fact]
    public void A_method_can_train_at_its_own_setting_and_then_needs_no_sweep()
    {
        var yaml = Minimal
            .WithLine("MTL:", "  MTL: { kind: multi-task, setting: { weight: 0.25 } }")
            .WithLine("BASE:", "  BASE: { kind: fair-multi-task, loss: mmd, bandwidth: 0.2, setting: { weight: 0.5, lambda: [1, 2] } }")
            .WithLine("MTAF:", "  MTAF: { kind: mta-f, loss: corr, setting: { weight: [0.6, 0.4], lambda: 3, ratio: [0.5, 1.5] } }");
        var spec = Parse(yaml).Spec.ShouldBeOfType<MultiTaskSpec>();
        spec.Methods[0].Setting.ShouldBe(new FixedSetting(new[] { 0.25, 0.75 }, new[] { 0d, 0d }, new[] { 1d, 1d }));
        spec.Methods[1].Setting.ShouldBe(new FixedSetting(new[] { 0.5, 0.5 }, new[] { 1d, 2d }, new[] { 1d, 1d }));
        spec.Methods[2].Setting.ShouldBe(new FixedSetting(new[] { 0.6, 0.4 }, new[] { 3d, 3d }, new[] { 0.5, 1.5 }));

        var withoutSweep = Parse(yaml.WithLine("sweep:", string.Empty)).Spec.ShouldBeOfType<MultiTaskSpec>();
        withoutSweep.Sweep.Runs.ShouldBe(0);
        var units = MultiTaskComparisonKind.Plan(withoutSweep with { Protocol = withoutSweep.Protocol with { Repetitions = 3 } }, []);
        units.OfType<MethodUnit>().Count().ShouldBe(9, "each method once per repetition");
        units.OfType<MethodUnit>().Where(unit => unit.Method.Name == "MTAF").Select(unit => unit.Setting.Ratios).ShouldAllBe(ratios => ratios.SequenceEqual(new[] { 0.5, 1.5 }));
    }

    public static TheoryData<string, string, string> SettingMistakes => new()
    {
        { "  MTL: { kind: multi-task, setting: { lambda: 1 } }", DiagnosticCodes.UnknownKey, "unknown key 'lambda' in 'methods.MTL.setting'; valid keys: weight" },
        { "  MTL: { kind: multi-task, setting: { } }", DiagnosticCodes.MissingKey, "missing required key 'weight' in 'methods.MTL.setting'" },
        { "  MTL: { kind: multi-task, setting: { weight: 1.5 } }", DiagnosticCodes.ImpossibleRange, "'methods.MTL.setting.weight' must be a number in [0, 1]" },
        { "  MTL: { kind: multi-task, setting: { weight: [0.5, 0.2, 0.3] } }", DiagnosticCodes.InvalidValue, "'methods.MTL.setting.weight' must be a list of 2 numbers, one per task" },
    };

    [Theory]
    [MemberData(nameof(SettingMistakes))]
    public void A_setting_mistake_is_a_located_error(string line, string code, string detail)
    {
        var error = Should.Throw<FairMtlException>(() => Parse(Minimal.WithLine("MTL:", line)));
        error.Code.ShouldBe(code);
        error.Detail.ShouldStartWith(detail);
    }

    [Fact]
    public void Fpr_gap_is_the_fprl_loss() =>
        Parse(Minimal.WithLine("BASE:", "  BASE: { kind: fair-multi-task, loss: fpr-gap }")).Spec.Methods[1].Loss.ShouldBe(FairnessLossKind.Fprl);

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        {
            Minimal.WithLine("BASE:", "  BASE: { kind: fair-multi-task, loss: mmd }"), DiagnosticCodes.MissingKey, 12, 9,
            "missing required key 'bandwidth' in 'methods.BASE'"
        },
        {
            Minimal.WithLine("BASE:", "  BASE: { kind: fair-multi-task, loss: glf }"), DiagnosticCodes.InvalidValue, 12, 40,
            "'methods.BASE.loss' must be corr, mmd or fpr-gap (the multi-task fairness losses act on a task's negatives), got 'glf'"
        },
        {
            Minimal.WithLine("MTL:", "  MTL: { kind: single-task }"), DiagnosticCodes.InvalidValue, 11, 3,
            "method 'MTL' (single-task) cannot be compared with multi-task methods in one experiment"
        },
        {
            Minimal.WithLine("sweep:", "front: { methods: [BASE], lambda: [1] }"), DiagnosticCodes.UnknownKey, 14, 8,
            "'front' applies to lambda sweeps of single-task-family methods; multi-task methods sweep with 'sweep'"
        },
        {
            Minimal.WithLine("sweep:", string.Empty), DiagnosticCodes.MissingKey, 11, 3,
            "multi-task methods need a 'sweep' section (kind, runs, weight, lambda, ratio)"
        },
        {
            Minimal.WithLine("sweep:", "sweep: { runs: 5, weight: [0.8, 0.2] }"), DiagnosticCodes.ImpossibleRange, 14, 27,
            "'sweep.weight' goes down: 0.2 is less than 0.8"
        },
        {
            Minimal.WithLine("sweep:", "sweep: { runs: 5, weight: [0, 1.5] }"), DiagnosticCodes.ImpossibleRange, 14, 31,
            "'sweep.weight[1]' must be a number in [0, 1], got '1.5'"
        },
        {
            Minimal.WithLine("b:", "  b: { column: lb, above: 0, positive: [x] }"), DiagnosticCodes.UnknownReference, 7, 27,
            "'tasks.b' takes 'positive' or 'above', not both"
        },
        {
            Minimal.WithLine("b:", "  b: { column: lb, threshold: 1.5 }"), DiagnosticCodes.ImpossibleRange, 7, 31,
            "'tasks.b.threshold' must be a number in (0, 1), 'prior' (the training rows' share of positives) or 'matched' (the score at which the evaluated rows' share of predicted positives is the training rows' share), got '1.5'"
        },
        {
            Minimal.WithLine("g:", "  g: { column: group, range: [1, 2], unknown: [\"?\"] }"), DiagnosticCodes.UnknownReference, 9, 47,
            "'sensitive.g.unknown' lists values of a text column (rule categories or privileged), not of a numeric one (rule range)"
        },
        {
            Minimal.WithLine("b:", string.Empty), DiagnosticCodes.InvalidValue, 11, 3,
            "multi-task methods need at least two tasks under 'tasks'"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mistakes_are_located_errors(string yaml, string code, int line, int column, string detail)
    {
        var error = Should.Throw<FairMtlException>(() => Parse(yaml));
        error.Code.ShouldBe(code);
        error.Detail.ShouldStartWith(detail);
        (error.Location!.Line, error.Location.Column).ShouldBe((line, column));
    }

    [Fact]
    public void A_sweep_without_multi_task_methods_is_an_error()
    {
        var error = Should.Throw<FairMtlException>(() => ComparisonYamlReader.Parse(
            ComparisonYamlTests.Minimal + "\nsweep: { runs: 2 }", "cmp.yaml", "/base"));
        error.Code.ShouldBe(DiagnosticCodes.UnknownKey);
        error.Detail.ShouldBe("'sweep' applies to multi-task methods only (use 'front' to sweep lambda)");
    }
}
