using FairMtl.Diagnostics;
using FairMtl.Spec;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

public class DefaultsTests
{
    [Fact]
    public void Every_omitted_key_takes_its_documented_default()
    {
        var loaded = Parse(Minimal);

        loaded.BaseDirectory.ShouldBe("/base");
        loaded.Spec.ShouldBe(new ExperimentSpec(
            "t",
            string.Empty,
            new DataSpec(
                "d.csv",
                DataFormat.Csv,
                ',',
                true,
                EquatableArray<string>.Empty,
                new FeatureSelection(EquatableArray<string>.Empty, EquatableArray<string>.Empty),
                true,
                new SplitSpec(0.2, 0, 42),
                new GroupSpec("g", GroupRule.Categories, 0, EquatableArray<string>.Empty),
                0,
                EquatableArray<AppendedFile>.Empty,
                EquatableArray<string>.Empty,
                EquatableArray<RowFilter>.Empty,
                EquatableArray<string>.Empty),
            new ModelSpec(new[] { 64, 32 }, Activation.Relu, 0, false, Initializer.GlorotUniform),
            new[] { new HeadSpec("y", "target", HeadTask.Regression, false, EquatableArray<int>.Empty) },
            "y",
            new SweepSpec(EquatableArray<SweepVariable>.Empty, new[] { 42 }),
            new BaselineSpec(true, new[] { "y" }, 3),
            new TrainingSpec(
                new OptimizerSpec(OptimizerKind.Adam, 0.001, 0.9, 0.999, 1e-7, 0),
                32,
                3,
                new RegimeSpec(RegimeKind.Independent, 1, false),
                null),
            new EvaluationSpec("y", new ParetoSpec(ErrorMetric.Rmse, ErrorMetric.Rmse))));
    }

    [Fact]
    public void Empty_sections_take_the_defaults_of_their_keys()
    {
        var spec = Parse(Minimal.WithLine("epochs:", "  epochs: 3\n  optimizer: {}\n  regime: {}") + "\nmodel: {}\nsweep: {}\nbaseline: {}\nevaluation: {}").Spec;

        spec.ShouldBe(Parse(Minimal).Spec);
    }

    [Fact]
    public void Early_stopping_defaults_to_the_evaluated_head()
    {
        var spec = Parse(TwoHeads.WithLine("epochs:", "  epochs: 3\n  early_stopping: {}")).Spec;

        spec.Training.EarlyStopping.ShouldBe(new EarlyStoppingSpec("y", 10, 0, false));
    }

    [Fact]
    public void The_evaluated_head_defaults_to_the_first_regression_head_and_the_baseline_to_it()
    {
        var spec = Parse(Minimal.WithLine("y:", "  w: { column: g, task: binary }\n  v: { column: a }\n  y: { column: target }")).Spec;

        spec.Evaluation.Head.ShouldBe("v");
        spec.Baseline.ShouldBe(new BaselineSpec(true, new[] { "v" }, 3));
        spec.Heads.Select(head => head.Name).ShouldBe(["w", "v", "y"]);
    }

    [Fact]
    public void The_baseline_epochs_default_to_the_training_epochs_but_can_be_set()
    {
        Parse(Minimal.WithLine("epochs:", "  epochs: 17")).Spec.Baseline.Epochs.ShouldBe(17);
        Parse(Minimal + "\nbaseline: { epochs: 5, enabled: false }").Spec.Baseline.ShouldBe(new BaselineSpec(false, new[] { "y" }, 5));
    }

    [Fact]
    public void Head_options_are_read()
    {
        var head = Parse(Minimal.WithLine("y:", "  y: { column: target, standardize: true, hidden: [16, 8] }")).Spec.Heads[0];

        head.ShouldBe(new HeadSpec("y", "target", HeadTask.Regression, true, new[] { 16, 8 }));
    }

    [Fact]
    public void A_sweep_with_validation_rows_that_standardises_must_say_which_rows_the_statistics_come_from()
    {
        var error = Error(TwoHeads.WithLine("split:", "  split: { validation: 0.2 }"));

        error.Code.ShouldBe(DiagnosticCodes.MissingKey);
        (error.Location!.Line, error.Location.Column).ShouldBe((4, 10));
        error.Detail.ShouldBe(
            "missing required key 'statistics' in 'data.split': with validation rows (0.2 of the training part) say which rows standardise " +
            "the inputs and heads: 'statistics: training-and-validation' (what sweeps did before this key existed) or 'statistics: training' " +
            "(the validation rows held out, as comparisons do by default)");

        Parse(TwoHeads.WithLine("split:", "  split: { validation: 0.2 }").WithLine("file:", "  file: d.csv\n  standardize: false")).Spec.Data.Split.Statistics
            .ShouldBe(StatisticsRows.Training, "nothing is standardised, so nothing to say");
        Parse(TwoHeads.WithLine("split:", "  split: { validation: 0.2, statistics: training-and-validation }")).Spec.Data.Split.Statistics
            .ShouldBe(StatisticsRows.TrainingAndValidation);
    }
}
