extern alias Generators;

using GeneratorSpec = Generators::FairMtl.Spec;
using GeneratorYamlReader = Generators::FairMtl.Spec.Yaml.ExperimentYamlReader;

namespace FairMtl.Generators.Tests.Attributes;

/// <summary>Every attribute argument lowers to its YAML key: a declaration and the YAML it stands for give one spec.</summary>
public sealed class LoweringTests
{
    private const string FullDeclaration = """
        using FairMtl.Declarations;
        using FairMtl.Spec;

        namespace Lowering;

        [Experiment("full", Description = "every key \"quoted\", with a tab\tand a newline\n")]
        [Dataset("data/full.csv", Format = DataFormat.Csv, Delimiter = ';', Header = true, Include = new[] { "a", "true", "1" }, Standardize = false,
                 SkipLines = 2, Append = new[] { "data/more.csv" }, Missing = new[] { "?", "" }, Filter = new[] { "a >= -1", "g != \"N/A\"" },
                 Categorical = new[] { "true" }, Embeddings = 6)]
        [Split(Test = 0.25, Validation = 0.1, Seed = 7, Statistics = StatisticsRows.TrainingAndValidation)]
        [Groups("g", GroupRule.Threshold, Threshold = -0.5, Labels = new[] { "lo", "hi" })]
        [Trunk(16, 8, 4, Activation = Activation.Tanh, Dropout = 0.25, BatchNorm = true, Init = Initializer.HeNormal)]
        [Head("y", "target", HeadTask.Regression, Standardize = true, Hidden = new[] { 3, 2 })]
        [Head("c", "label", HeadTask.Binary)]
        [Sweep("alpha", Values = new[] { 0.5, 1e-3, -2.0 })]
        [Sweep("beta", From = -1, To = 1, Count = 3)]
        [Seeds(Count = 3, SplitPerSeed = true)]
        [Baseline("y", "c", Epochs = 7, Enabled = false)]
        [Optimizer(OptimizerKind.Sgd, LearningRate = 0.05, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-8, Momentum = 0.9)]
        [Training(BatchSize = 16, Epochs = 20, Regime = RegimeKind.WarmStartBlocks, BlockSize = 2, KeepOptimizerState = true)]
        [EarlyStopping("c", Patience = 3, MinDelta = 0.01, RestoreBest = true)]
        [Evaluation("y", Disparity = ErrorMetric.Mae, Error = ErrorMetric.Rmse, Significance = 0.01, HypervolumeReference = new[] { 2.0, 30.5 })]
        public static partial class Full
        {
            public static double Loss(double alpha, double beta, double y, double c) => alpha * y + beta * c;
        }
        """;

    private const string FullYaml = """
        name: full
        description: "every key \"quoted\", with a tab\tand a newline\n"
        data:
          file: data/full.csv
          format: csv
          delimiter: ";"
          header: true
          features: { include: [a, "true", "1"] }
          standardize: false
          skip_lines: 2
          append: [data/more.csv]
          missing: ["?", ""]
          filter: ["a >= -1", "g != \"N/A\""]
          categorical: ["true"]
          embeddings: 6
          split: { test: 0.25, validation: 0.1, seed: 7, statistics: training-and-validation }
          groups: { column: g, rule: threshold, threshold: -0.5, labels: [lo, hi] }
        model: { trunk: [16, 8, 4], activation: tanh, dropout: 0.25, batch_norm: true, init: he-normal }
        heads:
          y: { column: target, task: regression, standardize: true, hidden: [3, 2] }
          c: { column: label, task: binary }
        loss: alpha * y + beta * c
        sweep:
          alpha: [0.5, 0.001, -2.0]
          beta: { from: -1, to: 1, count: 3 }
          seeds: 3
          split: per-seed
        baseline: { heads: [y, c], epochs: 7, enabled: false }
        training:
          optimizer: { name: sgd, lr: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1.0e-8, momentum: 0.9 }
          batch_size: 16
          epochs: 20
          regime: { kind: warm-start-blocks, block_size: 2, keep_optimizer_state: true }
          early_stopping: { monitor: c, patience: 3, min_delta: 0.01, restore_best: true }
        evaluation: { head: y, pareto: { disparity: mae, error: rmse }, significance: 0.01, hypervolume_reference: [2.0, 30.5] }
        """;

    private const string HeaderlessDeclaration = """
        using FairMtl.Declarations;
        using FairMtl.Spec;

        [Experiment("headerless")]
        [Dataset("../shared/data.txt", Format = DataFormat.Whitespace, Header = false, Columns = new[] { "a", "b", "g", "t" }, Exclude = new[] { "b" })]
        [Split(Validation = 0.3, Statistics = StatisticsRows.Training)]
        [Groups("g")]
        [Trunk(Activation = Activation.Linear)]
        [Head("y", "t")]
        [Seeds(3, 1, 2)]
        [Baseline(Epochs = 3)]
        [Optimizer(LearningRate = 0.01)]
        [Training(Epochs = 5)]
        [EarlyStopping(Patience = 4)]
        [Evaluation(Error = ErrorMetric.Mae)]
        partial class Headerless
        {
            static double Loss(double y) { return y; }
        }
        """;

    private const string HeaderlessYaml = """
        name: headerless
        data:
          file: ../shared/data.txt
          format: whitespace
          header: false
          columns: [a, b, g, t]
          features: { exclude: [b] }
          split: { validation: 0.3, statistics: training }
          groups: { column: g }
        model: { activation: linear }
        heads:
          y: { column: t }
        loss: y
        sweep: { seeds: [3, 1, 2] }
        baseline: { epochs: 3 }
        training:
          optimizer: { lr: 0.01 }
          epochs: 5
          early_stopping: { patience: 4 }
        evaluation: { pareto: { error: mae } }
        """;

    [Fact]
    public void A_declaration_using_every_argument_gives_the_spec_of_the_equivalent_yaml()
    {
        var model = AttributeHarness.Read(FullDeclaration);

        model.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        model.Spec.ShouldBe(Parse(FullYaml));
        model.Type.IsStatic.ShouldBeTrue();
        model.Type.Namespace.ShouldBe("Lowering");
        model.Spec!.Data.Delimiter.ShouldBe(';');
        model.DataFile.ShouldBe(GeneratorHarness.Root + "experiments/data/full.csv");
    }

    [Fact]
    public void Listed_values_of_text_columns_lower_to_their_yaml_keys()
    {
        var model = AttributeHarness.Read("""
            using FairMtl.Declarations;
            using FairMtl.Spec;

            [Experiment("text")]
            [Dataset("data/text.csv")]
            [Groups("sex", Privileged = new[] { "FEMALE" }, Labels = new[] { "male", "female" })]
            [Head("y", "target")]
            [Head("z", "sex", HeadTask.Binary, Positive = new[] { "FEMALE", "F" })]
            [Training(Epochs = 2)]
            public static partial class Text
            {
                public static double Loss(double y, double z) => y + z;
            }
            """);

        model.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        model.Spec.ShouldBe(Parse("""
            name: text
            data:
              file: data/text.csv
              groups: { column: sex, privileged: [FEMALE], labels: [male, female] }
            heads:
              y: { column: target }
              z: { column: sex, task: binary, positive: [FEMALE, F] }
            loss: y + z
            training: { epochs: 2 }
            """));
        model.Spec!.Data.Groups.Rule.ShouldBe(GeneratorSpec.GroupRule.Privileged);

        var range = AttributeHarness.Read("""
            using FairMtl.Declarations;
            using FairMtl.Spec;

            [Experiment("range")]
            [Dataset("data/text.csv")]
            [Groups("age", Range = new[] { 25.0, 60.5 })]
            [Head("y", "target")]
            [Head("z", "label", HeadTask.Binary)]
            [Training(Epochs = 2)]
            public static partial class RangeGroups
            {
                public static double Loss(double y, double z) => y + z;
            }
            """);

        range.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        range.Spec.ShouldBe(Parse("""
            name: range
            data:
              file: data/text.csv
              groups: { column: age, range: [25, 60.5] }
            heads:
              y: { column: target }
              z: { column: label, task: binary }
            loss: y + z
            training: { epochs: 2 }
            """));
    }

    [Fact]
    public void A_conditional_sweep_lowers_to_its_yaml_keys_and_an_empty_one_to_the_defaults()
    {
        const string Declaration = """
            using FairMtl.Declarations;
            using FairMtl.Spec;

            [Experiment("conditional")]
            [Dataset("data/text.csv")]
            [Groups("sex")]
            [Head("y", "target")]
            [Head("z", "sex", HeadTask.Binary)]
            [Sweep("alpha", From = 0.5, To = 4.5, Count = 9)]
            [Seeds(1, 2)]
            [ConditionalSweep(ARGUMENTS)]
            [Training(Epochs = 2)]
            public static partial class Conditional
            {
                public static double Loss(double alpha, double y, double z) => alpha * y + (5 - alpha) * z;
            }
            """;
        const string Yaml = """
            name: conditional
            data:
              file: data/text.csv
              groups: { column: sex }
            heads:
              y: { column: target }
              z: { column: sex, task: binary }
            loss: alpha * y + (5 - alpha) * z
            sweep:
              alpha: { from: 0.5, to: 4.5, count: 9 }
              seeds: [1, 2]
              conditional: CONDITIONAL
            training: { epochs: 2 }
            """;

        var full = AttributeHarness.Read(Declaration.Replace(
            "ARGUMENTS",
            "Sampling = ConditionalSampling.PerBatch, Distribution = ConditionalDistribution.LogUniform, Film = false, Epochs = 30, Grid = 11"));
        full.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        full.Spec.ShouldBe(Parse(Yaml.Replace("CONDITIONAL", "{ sampling: per-batch, distribution: log-uniform, film: false, epochs: 30, grid: 11 }")));
        full.Spec!.Sweep.Conditional!.Grid.ShouldBe(11);

        var defaults = AttributeHarness.Read(Declaration.Replace("(ARGUMENTS)", string.Empty));
        defaults.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        defaults.Spec.ShouldBe(Parse(Yaml.Replace("CONDITIONAL", "{}")));
        defaults.Spec!.Sweep.Conditional!.Epochs.ShouldBe(2);
    }

    [Fact]
    public void An_adagrad_optimizer_lowers_to_its_yaml_keys()
    {
        var model = AttributeHarness.Read("""
            using FairMtl.Declarations;
            using FairMtl.Spec;

            [Experiment("adagrad")]
            [Dataset("data/text.csv")]
            [Groups("g")]
            [Head("y", "target")]
            [Optimizer(OptimizerKind.Adagrad, LearningRate = 0.02, InitialAccumulator = 0.2)]
            [Training(Epochs = 2)]
            public static partial class WithAdagrad
            {
                public static double Loss(double y) => y;
            }
            """);

        model.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        model.Spec.ShouldBe(Parse("""
            name: adagrad
            data:
              file: data/text.csv
              groups: { column: g }
            heads:
              y: { column: target }
            loss: y
            training: { epochs: 2, optimizer: { name: adagrad, lr: 0.02, initial_accumulator: 0.2 } }
            """));
        (model.Spec!.Training.Optimizer.InitialAccumulator, model.Spec.Training.Optimizer.Epsilon).ShouldBe((0.2, 0d));
    }

    [Fact]
    public void An_engine_lowers_to_its_yaml_key()
    {
        const string Declaration = """
            using FairMtl.Declarations;
            using FairMtl.Spec;

            [Experiment("torch")]
            [Dataset("data/text.csv")]
            [Groups("g")]
            [Head("y", "target")]
            [Training(Epochs = 2, Engine = TrainingEngine.Torch)]
            public static partial class OnTorch
            {
                public static double Loss(double y) => y;
            }
            """;

        var model = AttributeHarness.Read(Declaration);

        model.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        model.Spec.ShouldBe(Parse("""
            name: torch
            data:
              file: data/text.csv
              groups: { column: g }
            heads:
              y: { column: target }
            loss: y
            training: { epochs: 2, engine: torch }
            """));
        model.Spec!.Training.Engine.ShouldBe(GeneratorSpec.TrainingEngine.Torch);
        AttributeHarness.Lower(Declaration, "experiments/Declared.cs", "y").ShouldContain("\n  engine: torch\n");
        var native = AttributeHarness.Read(Declaration.Replace(", Engine = TrainingEngine.Torch", string.Empty, StringComparison.Ordinal)).Spec!;
        native.Training.Engine.ShouldBe(GeneratorSpec.TrainingEngine.Native);
        AttributeHarness.Read(Declaration.Replace("TrainingEngine.Torch", "TrainingEngine.Native", StringComparison.Ordinal)).Spec.ShouldBe(native);
    }

    [Fact]
    public void Left_out_arguments_and_attributes_take_the_yaml_defaults()
    {
        var model = AttributeHarness.Read(HeaderlessDeclaration);

        model.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        model.Spec.ShouldBe(Parse(HeaderlessYaml));
        model.Type.Namespace.ShouldBeNull();
        model.Type.IsStatic.ShouldBeFalse();
        model.Spec!.Data.Format.ShouldBe(GeneratorSpec.DataFormat.Whitespace);
        model.DataFile.ShouldBe(GeneratorHarness.Root + "shared/data.txt");
    }

    [Fact]
    public void A_nested_class_names_its_containing_types_outermost_first()
    {
        var source = HeaderlessDeclaration
            .Replace("[Experiment(", "namespace Outer.Space;\n\npublic static partial class Outer\n{\ninternal partial struct Middle\n{\n[Experiment(", StringComparison.Ordinal)
            + "\n}\n}\n";

        var model = AttributeHarness.Read(source);

        model.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        model.Type.Namespace.ShouldBe("Outer.Space");
        model.Type.Name.ShouldBe("Headerless");
        model.Type.ContainingTypes.ShouldBe(new GeneratorSpec.EquatableArray<string>(["public static partial class Outer", "internal partial struct Middle"]));
    }

    [Fact]
    public void Equal_declarations_give_equal_models_so_the_pipeline_can_cache_them()
    {
        AttributeHarness.Read(FullDeclaration).ShouldBe(AttributeHarness.Read(FullDeclaration));
    }

    private static GeneratorSpec.ExperimentSpec Parse(string yaml) =>
        GeneratorYamlReader.Parse(yaml, "equivalent.yaml", GeneratorHarness.Root + "experiments").Spec;
}
