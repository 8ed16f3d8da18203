using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Tests.Attributes;

/// <summary>
/// Every kind of declaration mistake gives the diagnostic the YAML form gives (or FMTL016 for what only C# can
/// say), at the attribute argument, attribute or <c>Loss</c> syntax it is about, and generates no experiment.
/// </summary>
public sealed class AttributeDiagnosticTests
{
    private const string Path = "experiments/Small.cs";

    private const string Valid = """
        using System;
        using FairMtl.Declarations;
        using FairMtl.Spec;

        namespace Checks;

        [Experiment("small")]
        [Dataset("data/small.csv", Exclude = new[] { "target", "g" })]
        [Split(Test = 0.2, Validation = 0.2, Seed = 42, Statistics = StatisticsRows.Training)]
        [Groups("g", GroupRule.Binary)]
        [Trunk(4)]
        [Head("y", "target")]
        [Head("z", "g", HeadTask.Binary)]
        [Sweep("alpha", From = 0, To = 4, Count = 2)]
        [Seeds(1)]
        [Baseline("y", Epochs = 1)]
        [Training(BatchSize = 8, Epochs = 1)]
        [EarlyStopping("y", Patience = 2)]
        [Evaluation("y")]
        public partial class Small
        {
            static double Loss(double alpha, double y, double z) => alpha * y + (5 - alpha) * z;
        }
        """;

    private static readonly AdditionalText Data = GeneratorHarness.Text("experiments/data/small.csv", "a,b,target,g\n1,2,3,0\n4,5,6,1\n");

    public static readonly Case[] Cases =
    [
        new("missing-dataset", "[Dataset(\"data/small.csv\", Exclude = new[] { \"target\", \"g\" })]\n", "", "FMTL007", "partial class ", "Small", "missing required attribute [Dataset]"),
        new("missing-groups", "[Groups(\"g\", GroupRule.Binary)]\n", "", "FMTL007", "partial class ", "Small", "missing required attribute [Groups]"),
        new("missing-training", "[Training(BatchSize = 8, Epochs = 1)]\n", "", "FMTL007", "partial class ", "Small", "missing required attribute [Training]"),
        new("missing-loss", "    static double Loss(double alpha, double y, double z) => alpha * y + (5 - alpha) * z;\n", "", "FMTL007", "partial class ", "Small", "static double Loss(double alpha, double y, double z)"),
        new("missing-epochs", "Training(BatchSize = 8, Epochs = 1)", "Training(BatchSize = 8)", "FMTL007", "[", "Training(", "set Epochs in [Training]"),
        new("missing-range-end", "From = 0, To = 4, Count = 2", "From = 0, Count = 2", "FMTL007", "[", "Sweep(", "set To in [Sweep]"),
        new("missing-threshold", "GroupRule.Binary", "GroupRule.Threshold", "FMTL007", "[", "Groups(", "set Threshold in [Groups]"),
        new("bad-name", "[Experiment(\"small\")]", "[Experiment(\"small one\")]", "FMTL003", "[Experiment(", "\"small one\"", "'name' must be a name of letters, digits, '-' and '_', got 'small one'"),
        new("bad-batch-size", "BatchSize = 8", "BatchSize = 0", "FMTL003", "BatchSize = ", "0", "'training.batch_size' must be an integer > 0, got '0'"),
        new("bad-dropout", "[Trunk(4)]", "[Trunk(4, Dropout = 1.5)]", "FMTL003", "Dropout = ", "1.5", "'model.dropout' must be a number in [0, 1)"),
        new("bad-width", "[Trunk(4)]", "[Trunk(4, 0)]", "FMTL003", "[Trunk(4, ", "0", "'model.trunk[1]' must be an integer in [1, 16384]"),
        new("bad-enum", "GroupRule.Binary", "(GroupRule)7", "FMTL003", "[Groups(\"g\", ", "(GroupRule)7", "must be one of binary, median, threshold, privileged, range, categories, got '7'"),
        new("bad-labels", "[Groups(\"g\", GroupRule.Binary)]", "[Groups(\"g\", GroupRule.Binary, Labels = new[] { \"one\" })]", "FMTL003", "Labels = ", "new[]", "'data.groups.labels' must be a list of two names"),
        new("bad-sweep-name", "[Sweep(\"alpha\"", "[Sweep(\"seeds\"", "FMTL003", "[Sweep(", "\"seeds\"", "'seeds' cannot name a sweep variable", ExtraIds: ["FMTL005"]),
        new("impossible-count", "Count = 2", "Count = 0", "FMTL006", "Count = ", "0", "'sweep.alpha.count' must be an integer in [1, 10000]"),
        new("impossible-range", "From = 0, To = 4", "From = 4, To = 0", "FMTL006", "To = ", "0", "'to' (0) is less than 'from' (4)"),
        new("impossible-split", "Test = 0.2", "Test = 1.5", "FMTL006", "Test = ", "1.5", "'data.split.test' must be a number in (0, 1)"),
        new("impossible-empty-values", "From = 0, To = 4, Count = 2", "Values = new double[0]", "FMTL006", "Values = ", "new double[0]", "'sweep.alpha' must list at least one value"),
        new("impossible-seeds", "[Seeds(1)]", "[Seeds(1, 1)]", "FMTL006", "[Seeds(1, ", "1", "duplicate seed 1"),
        new("unknown-baseline-head", "[Baseline(\"y\"", "[Baseline(\"w\"", "FMTL008", "[Baseline(", "\"w\"", "'baseline.heads[0]' refers to unknown head 'w'"),
        new("unknown-monitored-head", "[EarlyStopping(\"y\"", "[EarlyStopping(\"yy\"", "FMTL008", "[EarlyStopping(", "\"yy\"", "refers to unknown head 'yy'; did you mean 'y'?"),
        new("unknown-evaluated-head", "[Evaluation(\"y\")]", "[Evaluation(\"w\")]", "FMTL008", "[Evaluation(", "\"w\"", "'evaluation.head' refers to unknown head 'w'"),
        new("binary-evaluated-head", "[Evaluation(\"y\")]", "[Evaluation(\"z\")]", "FMTL008", "[Evaluation(", "\"z\"", "must be a regression head; 'z' is binary"),
        new("include-and-exclude", "Exclude = new[] { \"target\", \"g\" }", "Include = new[] { \"a\" }, Exclude = new[] { \"target\", \"g\" }", "FMTL008", "Exclude = ", "new[]", "takes 'include' or 'exclude', not both"),
        new("columns-with-header", "[Dataset(\"data/small.csv\",", "[Dataset(\"data/small.csv\", Columns = new[] { \"a\" },", "FMTL008", "Columns = ", "new[]", "'data.columns' is only allowed with 'header: false'"),
        new("header-without-columns", "[Dataset(\"data/small.csv\",", "[Dataset(\"data/small.csv\", Header = false,", "FMTL008", "[", "Dataset(", "'data.columns' is required with 'header: false'"),
        new("threshold-without-rule", "GroupRule.Binary)]", "GroupRule.Binary, Threshold = 1)]", "FMTL008", "Threshold = ", "1", "'data.groups.threshold' is only allowed with 'rule: threshold'"),
        new("early-stopping-without-validation", "Validation = 0.2", "Validation = 0.0", "FMTL008", "[", "EarlyStopping(", "there is no validation split"),
        new("block-size-without-warm-start", "[Training(BatchSize = 8, Epochs = 1)]", "[Training(BatchSize = 8, Epochs = 1, BlockSize = 2)]", "FMTL008", "BlockSize = ", "2", "'training.regime.block_size' only applies to 'kind: warm-start-blocks'"),
        new("range-and-values", "Count = 2)]", "Count = 2, Values = new[] { 1.0 })]", "FMTL008", "Values = ", "new[]", "takes From, To and Count, or Values, not both"),
        new("seed-list-and-count", "[Seeds(1)]", "[Seeds(1, Count = 2)]", "FMTL008", "[Seeds(1, Count = ", "2", "takes a list of seeds or a Count, not both"),
        new("duplicate-head", "[Head(\"z\", \"g\", HeadTask.Binary)]", "[Head(\"y\", \"g\", HeadTask.Binary)]\n[Head(\"z\", \"g\", HeadTask.Binary)]", "FMTL001", "[Head(\"y\", \"target\")]\n[Head(", "\"y\"", "'y' is declared twice"),
        new("unknown-head-column", "[Head(\"y\", \"target\")]", "[Head(\"y\", \"targte\")]", "FMTL004", "[Head(\"y\", ", "\"targte\"", "unknown column 'targte' in data file 'data/small.csv'; did you mean 'target'?"),
        new("unknown-excluded-column", "Exclude = new[] { \"target\", \"g\" }", "Exclude = new[] { \"target\", \"gg\" }", "FMTL004", "Exclude = new[] { \"target\", ", "\"gg\"", "unknown column 'gg'"),
        new("loss-parameters-out-of-order", "Loss(double alpha, double y, double z)", "Loss(double y, double alpha, double z)", "FMTL005", "Loss(", "double y", "must be the sweep variables, then the heads, in declaration order: (double alpha, double y, double z); got (double y, double alpha, double z)"),
        new("loss-parameter-missing", "Loss(double alpha, double y, double z) => alpha * y + (5 - alpha) * z", "Loss(double alpha, double y) => alpha * y", "FMTL005", "Loss", "(", "(double alpha, double y, double z); got (double alpha, double y)"),
        new("loss-parameter-unknown", "double z) => alpha * y + (5 - alpha) * z", "double w) => alpha * y + (5 - alpha) * w", "FMTL005", "Loss(", "double w", "got (double alpha, double y, double w)"),
        new("loss-parameter-type", "double z)", "float z)", "FMTL016", "Loss(", "float z", "plain 'double's"),
        new("loss-not-static", "    static double Loss", "    double Loss", "FMTL016", "double ", "Loss", "must be declared as 'static double Loss(double alpha, double y, double z)'"),
        new("loss-statements", "=> alpha * y + (5 - alpha) * z;", "{ var a = alpha; return a * y + z; }", "FMTL016", "Loss(", "{", "a single 'return expression;'"),
        new("loss-cast", "alpha * y", "(double)alpha * y", "FMTL016", "=> ", "(double)alpha", "'(double)alpha' is not supported in Loss; Loss may use + - * /"),
        new("loss-conditional", "alpha * y + (5 - alpha) * z;", "alpha > 1 ? y : z;", "FMTL016", "=> ", "alpha > 1 ? y : z", "is not supported in Loss"),
        new("loss-other-function", "alpha * y", "Math.Pow(alpha, 2) * y", "FMTL016", "=> ", "Math.Pow(alpha, 2)", "'Math.Pow(alpha, 2)' is not supported in Loss"),
        new("loss-float-literal", "(5 - alpha)", "(5f - alpha)", "FMTL016", "=> ", "5f", "the literal '5f' is not a double or an integer"),
        new("loss-member", "    static double Loss(double alpha, double y, double z) => alpha * y", "    static readonly double Scale = 5;\n    static double Loss(double alpha, double y, double z) => Scale * y", "FMTL016", "=> ", "Scale", "'Scale' is a member of Small"),
        new("loss-unknown-name", "(5 - alpha) * z", "(5 - alpha) * zz", "FMTL005", "=> ", "zz", "unknown name 'zz' in loss expression; did you mean 'z'?", ValidCSharp: false),
        new("loss-wrong-arity", "alpha * y", "Math.Log(alpha, 2) * y", "FMTL005", "=> ", "Math.Log(alpha, 2)", "function 'log' takes 1 argument, got 2"),
        new("loss-without-head", "alpha * y + (5 - alpha) * z;", "alpha * 2;", "FMTL005", "=> ", "alpha * 2", "the loss expression references no loss"),
        new("not-partial", "public partial class Small", "public class Small", "FMTL016", "public class ", "Small", "an [Experiment] class must be partial"),
        new("generic", "public partial class Small", "public partial class Small<T>", "FMTL016", "public partial class ", "Small", "non-generic 'partial class'"),
    ];

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Fact]
    public void The_valid_declaration_has_no_diagnostics_and_generates_its_experiment()
    {
        var run = AttributeHarness.Run(Valid, Path, Data);

        run.DiagnosticLines.ShouldBeEmpty();
        run.HintNames.ShouldContain("Checks.Small.g.cs");
        run.OutputProblems.Select(d => d.ToString()).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_mistake_is_reported_with_its_id_at_its_syntax_and_generates_no_experiment(string name)
    {
        var mistake = Cases.Single(c => c.Name == name);
        var source = mistake.Apply(Valid);
        if (mistake.ValidCSharp)
        {
            AttributeHarness.CompilerErrors(source, Path).Select(d => d.ToString()).ShouldBeEmpty();
        }

        var run = AttributeHarness.Run(source, Path, Data);

        var expected = SourcePosition.Of(source, mistake.Anchor, mistake.Target);
        var diagnostic = run.Diagnostics.Where(d => d.Id == mistake.Id).ShouldHaveSingleItem();
        var span = diagnostic.Location.GetLineSpan();
        span.Path.ShouldBe(GeneratorHarness.Root + Path);
        (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1).ShouldBe(expected, GeneratorRun.Format(diagnostic));
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(mistake.Message);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        run.Diagnostics.Select(d => d.Id).Where(id => id != mistake.Id).ShouldBe(mistake.ExtraIds ?? [], ignoreOrder: true);
        if (mistake.Id != "FMTL004")
        {
            run.HintNames.ShouldBe(["FairMtl.Generated.ExperimentRegistry.g.cs"]);
        }
    }

    [Fact]
    public void The_diagnostics_of_every_mistake_match_the_approved_snapshot()
    {
        var received = new System.Text.StringBuilder();
        foreach (var mistake in Cases)
        {
            received.Append("## ").Append(mistake.Name).Append('\n');
            foreach (var line in AttributeHarness.Run(mistake.Apply(Valid), Path, Data).DiagnosticLines)
            {
                received.Append(line).Append('\n');
            }

            received.Append('\n');
        }

        ApprovedSnapshot.Match(received.ToString(), "mistakes");
    }

    [Fact]
    public void An_undefined_engine_is_FMTL003_at_the_argument_listing_the_engines()
    {
        // Not one of the snapshot's cases: the approved mistakes stay as they were before [Training(Engine)].
        var source = Valid.Replace("[Training(BatchSize = 8, Epochs = 1)]", "[Training(BatchSize = 8, Epochs = 1, Engine = (TrainingEngine)7)]", StringComparison.Ordinal);
        source.ShouldNotBe(Valid);
        AttributeHarness.CompilerErrors(source, Path).Select(d => d.ToString()).ShouldBeEmpty();

        var run = AttributeHarness.Run(source, Path, Data);

        var diagnostic = run.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("FMTL003");
        var span = diagnostic.Location.GetLineSpan();
        span.Path.ShouldBe(GeneratorHarness.Root + Path);
        (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1).ShouldBe(SourcePosition.Of(source, "Engine = ", "(TrainingEngine)7"));
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain("'training.engine' must be one of native, torch, got '7'");
        run.HintNames.ShouldBe(["FairMtl.Generated.ExperimentRegistry.g.cs"]);
    }

    [Fact]
    public void An_unexpected_exception_is_an_internal_error_at_the_class_and_not_a_failed_generator()
    {
        // A NUL character passes the YAML validation of the data path but makes resolving it throw.
        var source = Valid.Replace("\"data/small.csv\"", "\"data/small\\0.csv\"", StringComparison.Ordinal);

        var run = AttributeHarness.Run(source, Path, Data);

        var diagnostic = run.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("FMTL099");
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldStartWith(
            "internal error in the FairMtl generator while reading the experiment attributes: ArgumentException");
        var span = diagnostic.Location.GetLineSpan();
        (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1).ShouldBe(SourcePosition.Of(source, "public partial class ", "Small"));
        run.HintNames.ShouldBe(["FairMtl.Generated.ExperimentRegistry.g.cs"]);
    }

    [Fact]
    public void Without_a_header_the_columns_are_checked_against_the_declared_column_names()
    {
        var source = Valid
            .Replace("[Dataset(\"data/small.csv\",", "[Dataset(\"data/small.csv\", Header = false, Columns = new[] { \"a\", \"b\", \"target\", \"g\" },", StringComparison.Ordinal)
            .Replace("[Head(\"y\", \"target\")]", "[Head(\"y\", \"b2\")]", StringComparison.Ordinal);

        var run = AttributeHarness.Run(source, Path);

        var (line, column) = SourcePosition.Of(source, "[Head(\"y\", ", "\"b2\"");
        run.DiagnosticLines.ShouldBe([$"FMTL004 {Path}({line},{column}): unknown column 'b2' in data file 'data/small.csv'; did you mean 'b'?"]);
    }

    /// <summary>One way to break <see cref="Valid"/> and the diagnostic it must give.</summary>
    public sealed record Case(
        string Name,
        string Old,
        string New,
        string Id,
        string Anchor,
        string Target,
        string Message,
        bool ValidCSharp = true,
        string[]? ExtraIds = null)
    {
        public string Apply(string source)
        {
            source.Split(Old).Length.ShouldBe(2, $"'{Old}' must occur once");
            return source.Replace(Old, New, StringComparison.Ordinal);
        }

        public override string ToString() => Name;
    }
}
