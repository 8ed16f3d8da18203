using FairMtl.Spec;

namespace FairMtl.Generators.Emit;

/// <summary>
/// Writes an <see cref="ExperimentSpec"/> as a C# expression that constructs an equal spec: every record with named
/// arguments, on one line when it fits, else one argument per line.
/// </summary>
internal static class SpecLiteralEmitter
{
    private const int Width = 120;
    private const string Spec = "global::FairMtl.Spec.";

    /// <summary>Writes <c>{prefix}new ExperimentSpec(...){suffix}</c>.</summary>
    public static void Write(IndentedWriter writer, ExperimentSpec spec, string prefix, string suffix) =>
        Write(writer, Of(spec), prefix, suffix);

    private static Node Of(ExperimentSpec spec) => New(
        "ExperimentSpec",
        ("Name", Atom(Literals.String(spec.Name))),
        ("Description", Atom(Literals.String(spec.Description))),
        ("Data", Of(spec.Data)),
        ("Model", New(
            "ModelSpec",
            ("Trunk", Ints(spec.Model.Trunk)),
            ("Activation", Atom(Literals.Enum(spec.Model.Activation))),
            ("Dropout", Atom(Literals.Double(spec.Model.Dropout))),
            ("BatchNorm", Atom(Literals.Bool(spec.Model.BatchNorm))),
            ("Init", Atom(Literals.Enum(spec.Model.Init))))),
        ("Heads", new ArrayNode(Spec + "HeadSpec", spec.Heads.Select(head => New(
            "HeadSpec",
            [
                .. WithValues(
                    [
                        ("Name", Atom(Literals.String(head.Name))),
                        ("Column", Atom(Literals.String(head.Column))),
                        ("Task", Atom(Literals.Enum(head.Task))),
                        ("Standardize", Atom(Literals.Bool(head.Standardize))),
                        ("Hidden", Ints(head.Hidden)),
                    ],
                    "Positive",
                    head.Positive),
                .. head.Above is { } above ? [("Above", Atom(Literals.Double(above)))] : Array.Empty<(string, Node)>(),
            ])).ToArray())),
        ("Loss", Atom(Literals.String(spec.Loss))),
        ("Sweep", New(
            "SweepSpec",
            [
                ("Variables", new ArrayNode(Spec + "SweepVariable", spec.Sweep.Variables.Select(variable => New(
                    "SweepVariable",
                    ("Name", Atom(Literals.String(variable.Name))),
                    ("Values", new ArrayNode("double", variable.Values.Select(v => Atom(Literals.Double(v))).ToArray())))).ToArray())),
                ("Seeds", Ints(spec.Sweep.Seeds)),
                ("SplitPerSeed", Atom(Literals.Bool(spec.Sweep.SplitPerSeed))),
                .. spec.Sweep.Conditional is { } conditional
                    ? [("Conditional", New(
                        "ConditionalSpec",
                        ("Sampling", Atom(Literals.Enum(conditional.Sampling))),
                        ("Distribution", Atom(Literals.Enum(conditional.Distribution))),
                        ("Film", Atom(Literals.Bool(conditional.Film))),
                        ("Epochs", Atom(Literals.Int(conditional.Epochs))),
                        ("Grid", Atom(Literals.Int(conditional.Grid)))))]
                    : Array.Empty<(string, Node)>(),
            ])),
        ("Baseline", New(
            "BaselineSpec",
            ("Enabled", Atom(Literals.Bool(spec.Baseline.Enabled))),
            ("Heads", Strings(spec.Baseline.Heads)),
            ("Epochs", Atom(Literals.Int(spec.Baseline.Epochs))))),
        ("Training", Of(spec.Training)),
        ("Evaluation", New(
            "EvaluationSpec",
            ("Head", Atom(Literals.String(spec.Evaluation.Head))),
            ("Pareto", New(
                "ParetoSpec",
                ("Disparity", Atom(Literals.Enum(spec.Evaluation.Pareto.Disparity))),
                ("Error", Atom(Literals.Enum(spec.Evaluation.Pareto.Error))))),
            ("Significance", Atom(Literals.Double(spec.Evaluation.Significance))),
            ("HypervolumeReference", new ArrayNode("double", spec.Evaluation.HypervolumeReference.Select(v => Atom(Literals.Double(v))).ToArray())))));

    private static Node Of(DataSpec data) => New(
        "DataSpec",
        [
            ("File", Atom(Literals.String(data.File))),
            ("Format", Atom(Literals.Enum(data.Format))),
            ("Delimiter", Atom(Literals.Char(data.Delimiter))),
            ("Header", Atom(Literals.Bool(data.Header))),
            ("Columns", Strings(data.Columns)),
            ("Features", New("FeatureSelection", ("Include", Strings(data.Features.Include)), ("Exclude", Strings(data.Features.Exclude)))),
            ("Standardize", Atom(Literals.Bool(data.Standardize))),
            ("Split", New(
                "SplitSpec",
                [
                    ("Test", Atom(Literals.Double(data.Split.Test))),
                    ("Validation", Atom(Literals.Double(data.Split.Validation))),
                    ("Seed", Atom(Literals.Int(data.Split.Seed))),
                    .. data.Split.Statistics == StatisticsRows.Training
                        ? Array.Empty<(string, Node)>()
                        : [("Statistics", Atom(Literals.Enum(data.Split.Statistics)))],
                ])),
            ("Groups", New(
                "GroupSpec",
                [
                    .. WithValues(
                        [
                            ("Column", Atom(Literals.String(data.Groups.Column))),
                            ("Rule", Atom(Literals.Enum(data.Groups.Rule))),
                            ("Threshold", Atom(Literals.Double(data.Groups.Threshold))),
                            ("Labels", Strings(data.Groups.Labels)),
                        ],
                        "Privileged",
                        data.Groups.Privileged),
                    .. data.Groups.Rule == GroupRule.Range
                        ? [("Low", Atom(Literals.Double(data.Groups.Low))), ("High", Atom(Literals.Double(data.Groups.High)))]
                        : Array.Empty<(string, Node)>(),
                    .. WithValues([], "Unknown", data.Groups.Unknown),
                ])),
            ("SkipLines", Atom(Literals.Int(data.SkipLines))),
            ("Append", new ArrayNode(Spec + "AppendedFile", data.Append.Select(file => New(
                "AppendedFile",
                ("File", Atom(Literals.String(file.File))),
                ("SkipLines", Atom(Literals.Int(file.SkipLines))))).ToArray())),
            ("Missing", Strings(data.Missing)),
            ("Filters", new ArrayNode(Spec + "RowFilter", data.Filters.Select(filter => New(
                "RowFilter",
                ("Column", Atom(Literals.String(filter.Column))),
                ("Operator", Atom(Literals.Enum(filter.Operator))),
                ("Value", Atom(Literals.String(filter.Value))))).ToArray())),
            ("Categorical", Strings(data.Categorical)),

            // Only when declared: the generated source of an experiment without embeddings is unchanged.
            .. data.Embeddings.Count == 0
                ? Array.Empty<(string, Node)>()
                : [("Embeddings", new ArrayNode(Spec + "EmbeddingSpec", data.Embeddings.Select(embedding => New(
                    "EmbeddingSpec",
                    ("Column", Atom(Literals.String(embedding.Column))),
                    ("Width", Atom(Literals.Int(embedding.Width))))).ToArray()))],
        ]);

    private static Node Of(TrainingSpec training)
    {
        var optimizer = training.Optimizer;
        var regime = training.Regime;
        var stopping = training.EarlyStopping;
        return New(
            "TrainingSpec",
            [
                ("Optimizer", New(
                    "OptimizerSpec",
                    [
                        ("Kind", Atom(Literals.Enum(optimizer.Kind))),
                        ("LearningRate", Atom(Literals.Double(optimizer.LearningRate))),
                        ("Beta1", Atom(Literals.Double(optimizer.Beta1))),
                        ("Beta2", Atom(Literals.Double(optimizer.Beta2))),
                        ("Epsilon", Atom(Literals.Double(optimizer.Epsilon))),
                        ("Momentum", Atom(Literals.Double(optimizer.Momentum))),
                        .. optimizer.Kind == OptimizerKind.Adagrad ? [("InitialAccumulator", Atom(Literals.Double(optimizer.InitialAccumulator)))] : Array.Empty<(string, Node)>(),
                    ])),
                ("BatchSize", Atom(Literals.Int(training.BatchSize))),
                ("Epochs", Atom(Literals.Int(training.Epochs))),
                ("Regime", New(
                    "RegimeSpec",
                    ("Kind", Atom(Literals.Enum(regime.Kind))),
                    ("BlockSize", Atom(Literals.Int(regime.BlockSize))),
                    ("KeepOptimizerState", Atom(Literals.Bool(regime.KeepOptimizerState))))),
                ("EarlyStopping", stopping is null
                    ? Atom("null")
                    : New(
                        "EarlyStoppingSpec",
                        ("Monitor", Atom(Literals.String(stopping.Monitor))),
                        ("Patience", Atom(Literals.Int(stopping.Patience))),
                        ("MinDelta", Atom(Literals.Double(stopping.MinDelta))),
                        ("RestoreBest", Atom(Literals.Bool(stopping.RestoreBest))))),

                // Only when declared: the generated source of a native experiment is unchanged.
                .. training.Engine == TrainingEngine.Native ? Array.Empty<(string, Node)>() : [("Engine", Atom(Literals.Enum(training.Engine)))],
            ]);
    }

    private static Node Atom(string text) => new AtomNode(text);

    private static Node New(string type, params (string Name, Node Value)[] arguments) => new NewNode(Spec + type, arguments);

    /// <summary>The arguments, and a list of text values when it has any (left out, the record's default is empty), so
    /// that specs without it are written as before.</summary>
    private static (string Name, Node Value)[] WithValues((string Name, Node Value)[] arguments, string name, EquatableArray<string> values) =>
        values.Count == 0 ? arguments : [.. arguments, (name, Strings(values))];

    private static Node Ints(EquatableArray<int> values) => new ArrayNode("int", values.Select(v => Atom(Literals.Int(v))).ToArray());

    private static Node Strings(EquatableArray<string> values) => new ArrayNode("string", values.Select(v => Atom(Literals.String(v))).ToArray());

    private static void Write(IndentedWriter writer, Node node, string prefix, string suffix)
    {
        var inline = prefix + Inline(node) + suffix;
        if (node is AtomNode || writer.IndentWidth + inline.Length <= Width)
        {
            writer.Line(inline);
            return;
        }

        if (node is NewNode construct)
        {
            writer.Line(prefix + "new " + construct.Type + "(").Indent();
            for (var i = 0; i < construct.Arguments.Length; i++)
            {
                var (name, value) = construct.Arguments[i];
                Write(writer, value, name + ": ", i == construct.Arguments.Length - 1 ? ")" + suffix : ",");
            }

            writer.Outdent();
            return;
        }

        var array = (ArrayNode)node;
        writer.Line(prefix + "new " + array.ElementType + "[]").Line("{").Indent();
        if (array.Items.All(item => item is AtomNode))
        {
            WritePacked(writer, array.Items.Select(Inline).ToArray());
        }
        else
        {
            foreach (var item in array.Items)
            {
                Write(writer, item, string.Empty, ",");
            }
        }

        writer.Outdent().Line("}" + suffix);
    }

    private static void WritePacked(IndentedWriter writer, string[] items)
    {
        var line = string.Empty;
        foreach (var item in items)
        {
            var next = line.Length == 0 ? item + "," : line + " " + item + ",";
            if (line.Length > 0 && writer.IndentWidth + next.Length > Width)
            {
                writer.Line(line);
                next = item + ",";
            }

            line = next;
        }

        if (line.Length > 0)
        {
            writer.Line(line);
        }
    }

    private static string Inline(Node node) => node switch
    {
        AtomNode atom => atom.Text,
        NewNode construct => "new " + construct.Type + "("
            + string.Join(", ", construct.Arguments.Select(argument => argument.Name + ": " + Inline(argument.Value))) + ")",
        ArrayNode { Items.Length: 0 } array => $"global::FairMtl.Spec.EquatableArray<{array.ElementType}>.Empty",
        ArrayNode array => "new " + array.ElementType + "[] { " + string.Join(", ", array.Items.Select(Inline)) + " }",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private abstract class Node
    {
    }

    private sealed class AtomNode(string text) : Node
    {
        public string Text { get; } = text;
    }

    private sealed class NewNode(string type, (string Name, Node Value)[] arguments) : Node
    {
        public string Type { get; } = type;

        public (string Name, Node Value)[] Arguments { get; } = arguments;
    }

    private sealed class ArrayNode(string elementType, Node[] items) : Node
    {
        public string ElementType { get; } = elementType;

        public Node[] Items { get; } = items;
    }
}
