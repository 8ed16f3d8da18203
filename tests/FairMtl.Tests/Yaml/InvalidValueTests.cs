using FairMtl.Diagnostics;
using FairMtl.Spec;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

public class InvalidValueTests
{
    public static TheoryData<string, int, int, string> Cases => new()
    {
        { Minimal.WithLine("epochs:", "  epochs: 3\n  batch_size: abc"), 10, 15, "'training.batch_size' must be an integer > 0, got 'abc'" },
        { Minimal + "\nmodel: { init: xavier }", 10, 16, "'model.init' must be one of glorot-uniform, he-uniform, he-normal, got 'xavier'" },
        { Minimal.WithLine("file:", "  file: d.csv\n  header: yes"), 4, 11, "'data.header' must be true or false, got 'yes'" },
        { Minimal.WithLine("epochs:", "  epochs: 3\n  optimizer: { lr: \"0.01\" }"), 10, 20, "'training.optimizer.lr' must be a number > 0, got the quoted string '0.01'" },
        { Minimal + "\nmodel: { dropout: 1.5 }", 10, 19, "'model.dropout' must be a number in [0, 1), got '1.5'" },
        { Minimal.WithLine("epochs:", "  epochs: 0"), 9, 11, "'training.epochs' must be an integer > 0, got '0'" },
        { Minimal.WithLine("epochs:", "  epochs: 2.5"), 9, 11, "'training.epochs' must be an integer > 0, got '2.5'" },
        { Minimal + "\nmodel:\n  trunk: [64, -1]", 11, 15, "'model.trunk[1]' must be an integer in [1, 16384], got '-1'" },
        { Minimal + "\nmodel:\n  trunk: []", 11, 10, "'model.trunk' must be a non-empty list of integers > 0, got an empty list" },
        { Minimal.WithLine("name:", "name: my exp"), 1, 7, "'name' must be a name of letters, digits, '-' and '_', got 'my exp'" },
        { Minimal.Replace("training:\n  epochs: 3", "training: [3]"), 8, 11, "'training' must be a mapping with keys optimizer, batch_size, epochs, regime, early_stopping, engine, got a list of 1 item" },
        { Minimal.WithLine("file:", "  file: d.csv\n  delimiter: ';;'"), 4, 14, "'data.delimiter' must be a single character, got the quoted string ';;'" },
        { Minimal.WithLine("groups:", "  groups: { column: g, labels: [a, b, c] }"), 4, 32, "'data.groups.labels' must be a list of two names, got a list of 3 items" },
        { Minimal.WithLine("file:", "  file: d.csv\n  features: { exclude: [a, b, a] }"), 4, 31, "'data.features.exclude' lists 'a' twice" },
        { Minimal.WithLine("epochs:", "  epochs: 3\n  optimizer: { beta2: NaN }"), 10, 23, "'training.optimizer.beta2' must be a number in [0, 1), got 'NaN'" },
        { Minimal.Replace("heads:\n  y: { column: target }", "heads: {}"), 5, 8, "'heads' must be a mapping with at least one head, got an empty mapping" },
        { Minimal.WithLine("epochs:", "  epochs:"), 9, 10, "'training.epochs' must be an integer > 0, got nothing" },
        { Minimal.WithLine("epochs:", "  epochs: 3\n  optimizer: { name: adagrad, initial_accumulator: -1 }"), 10, 52, "'training.optimizer.initial_accumulator' must be a number >= 0, got '-1'" },
    };

    [Fact]
    public void Adagrad_takes_tensorflows_defaults_and_refuses_what_would_divide_by_zero()
    {
        var optimizer = Parse(Minimal + "\n  optimizer: { name: adagrad, lr: 0.02 }").Spec.Training.Optimizer;
        (optimizer.Kind, optimizer.LearningRate, optimizer.InitialAccumulator, optimizer.Epsilon).ShouldBe((OptimizerKind.Adagrad, 0.02, 0.1, 0d));
        Parse(Minimal + "\n  optimizer: { name: adagrad, initial_accumulator: 0, epsilon: 1e-10 }").Spec.Training.Optimizer.InitialAccumulator.ShouldBe(0d);

        Error(Minimal + "\n  optimizer: { name: adagrad, initial_accumulator: 0 }").ShouldBeAt(
            DiagnosticCodes.InvalidValue,
            10,
            52,
            "'training.optimizer.initial_accumulator' is 0 and 'epsilon' is 0: Adagrad would divide by zero for a weight whose gradients are all 0; give either a value > 0 (TensorFlow: initial_accumulator 0.1; PyTorch: 0 and epsilon 1e-10)");
        Error(Minimal + "\n  optimizer: { name: adam, initial_accumulator: 0.1 }").ShouldBeAt(
            DiagnosticCodes.UnknownReference, 10, 49, "'training.optimizer.initial_accumulator' only applies to 'name: adagrad'");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_wrong_value_is_FMTL003_at_the_value_naming_the_field_and_what_it_must_be(string yaml, int line, int column, string detail) =>
        Error(yaml).ShouldBeAt(DiagnosticCodes.InvalidValue, line, column, detail);

    [Fact]
    public void Enumeration_values_accept_underscores_and_any_case()
    {
        var spec = Parse(Minimal
            + "\n  regime: { kind: Warm_Start_Blocks, block_size: 4 }"
            + "\nmodel: { activation: TANH, init: He_Normal }"
            + "\nevaluation: { pareto: { disparity: MAE, error: Mse } }").Spec;

        spec.Training.Regime.Kind.ShouldBe(RegimeKind.WarmStartBlocks);
        spec.Model.Activation.ShouldBe(Activation.Tanh);
        spec.Model.Init.ShouldBe(Initializer.HeNormal);
        spec.Evaluation.Pareto.ShouldBe(new ParetoSpec(ErrorMetric.Mae, ErrorMetric.Mse));
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_and_yaml_number_forms()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        var commaDecimals = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        commaDecimals.NumberFormat.NumberDecimalSeparator = ",";
        commaDecimals.NumberFormat.NumberGroupSeparator = ".";
        Thread.CurrentThread.CurrentCulture = commaDecimals;
        try
        {
            var optimizer = Parse(Minimal + "\n  optimizer: { lr: 1.5e-3, epsilon: 1E-8, beta1: .5, momentum: +0.25 }").Spec.Training.Optimizer;

            optimizer.LearningRate.ShouldBe(0.0015);
            optimizer.Epsilon.ShouldBe(1e-8);
            optimizer.Beta1.ShouldBe(0.5);
            optimizer.Momentum.ShouldBe(0.25);
            Error(Minimal + "\n  optimizer:\n    lr: 0,01")
                .ShouldBeAt(DiagnosticCodes.InvalidValue, 11, 9, "'training.optimizer.lr' must be a number > 0, got '0,01'");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("True", true)]
    public void Booleans_are_true_or_false(string text, bool value) =>
        Parse(Minimal + $"\nmodel: {{ batch_norm: {text} }}").Spec.Model.BatchNorm.ShouldBe(value);

    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("1")]
    [InlineData("'true'")]
    public void Other_spellings_of_booleans_are_rejected(string text) =>
        Error(Minimal + $"\nmodel: {{ batch_norm: {text} }}").Code.ShouldBe(DiagnosticCodes.InvalidValue);
}
