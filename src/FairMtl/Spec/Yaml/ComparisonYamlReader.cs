using FairMtl.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// The YAML front end of method-comparison experiments (a file with a top-level <c>methods</c> key; schema:
/// <c>docs/experiment-format.md</c>). Same conventions as <see cref="ExperimentYamlReader"/>: every mistake is a
/// located <see cref="FairMtlException"/>, every declared value's location is kept.
/// </summary>
public static class ComparisonYamlReader
{
    /// <summary>The top-level key that makes a file a comparison experiment.</summary>
    public const string MarkerKey = "methods";

    private static readonly string[] TopLevelKeys =
        ["name", "description", "data", "model", "tasks", "sensitive", "methods", "front", "protocol", "training", "sweep", "constraint", "evaluation"];

    /// <summary>Whether the YAML text declares a comparison experiment (a mapping with a top-level <c>methods</c>
    /// key). YAML that is malformed or over a limit is not a comparison: the regression reader reports it.</summary>
    public static bool Declares(string yamlText)
    {
        try
        {
            return YamlDocumentLoader.Load(yamlText, new YamlReadContext(string.Empty)) is YamlMappingNode root
                && root.Children.Keys.Any(key => key is YamlScalarNode { Value: MarkerKey });
        }
        catch (FairMtlException)
        {
            return false;
        }
    }

    /// <summary>Validates comparison-experiment YAML held in memory.</summary>
    /// <exception cref="FairMtlException">The text is not a valid comparison experiment.</exception>
    public static LoadedComparison Parse(string yamlText, string displayPath, string baseDirectory) =>
        Parse(yamlText, displayPath, baseDirectory, collectionTags: false);

    /// <summary>Validates comparison YAML; <paramref name="collectionTags"/> lets <c>!!map</c> and <c>!!seq</c> mark
    /// mappings and lists (the YAML the generator writes from attributes).</summary>
    internal static LoadedComparison Parse(string yamlText, string displayPath, string baseDirectory, bool collectionTags)
    {
        var context = new YamlReadContext(displayPath, collectionTags);
        var rootNode = YamlDocumentLoader.Load(yamlText, context);
        context.RecordLocations(rootNode, string.Empty);
        var root = new YamlNodeReader(context, rootNode, string.Empty)
            .AsMapping("a mapping with at least name, data, tasks, sensitive, methods and training", TopLevelKeys);

        var nameNode = root.Require("name");
        var name = nameNode.AsName("a name of letters, digits, '-' and '_'");
        if (!IsRowName(name, allowPlus: false))
        {
            throw nameNode.Invalid("a name of letters, digits, '-' and '_'");
        }

        var description = root.String("description", string.Empty);
        var dataMapping = root.RequireMapping("data", DataSectionReader.ComparisonKeys);
        var data = DataSectionReader.Read(dataMapping, withSplitAndGroups: false);
        var modelMapping = root.Mapping("model", "trunk", "activation", "dropout", "batch_norm", "init", "head_hidden");
        var model = ModelSectionReader.Read(modelMapping);
        var headHiddenNode = modelMapping?.Get("head_hidden");
        var headHidden = headHiddenNode is null ? [] : YamlLists.Widths(headHiddenNode, "a list of integers > 0", allowEmpty: true);
        var methodsNode = root.Require("methods");
        var fairMt = FairMtSectionReader.Declares(methodsNode);
        var tasks = TaskSectionReader.Read(root.Require("tasks"), fairMt);
        var sensitiveNode = root.Require("sensitive");
        var sensitive = ReadSensitive(sensitiveNode, tasks);
        var attributeNames = sensitive.Select(attribute => attribute.Name).ToArray();
        var methods = ReadMethods(methodsNode, attributeNames, tasks.Length);
        var evaluationNode = root.Get("evaluation");
        if (fairMt && evaluationNode is not null)
        {
            throw evaluationNode.Error(DiagnosticCodes.UnknownKey, "'evaluation' applies to method comparisons; the FairMT kind reports per-task metrics and constraint violations");
        }

        if (fairMt)
        {
            return ReadFairMt(root, context, baseDirectory, methodsNode, (name, description, data, dataMapping, model, headHidden, tasks, sensitive, methods));
        }

        if (root.Get("constraint") is { } constraintNode)
        {
            throw constraintNode.Error(DiagnosticCodes.UnknownKey, "'constraint' applies to the FairMT kind's methods only (kind: penalty or primal-dual)");
        }

        var multiTask = CheckFamilies(methodsNode, methods, tasks);
        if (methods.FirstOrDefault(m => m.Ratio != 1d) is { } withRatio)
        {
            throw methodsNode.Error(
                DiagnosticCodes.UnknownKey,
                $"'ratio' of method '{withRatio.Name}' applies to MTA-F in a FairMT experiment; a multi-task comparison sweeps r with 'sweep.ratio'");
        }
        var frontNode = root.Get("front");
        if (multiTask && frontNode is not null)
        {
            throw frontNode.Error(DiagnosticCodes.UnknownKey, "'front' applies to lambda sweeps of single-task-family methods; multi-task methods sweep with 'sweep'");
        }

        if (multiTask && evaluationNode is not null)
        {
            throw evaluationNode.Error(DiagnosticCodes.UnknownKey, "'evaluation' applies to method comparisons; multi-task comparisons report ARFG and ARE");
        }

        var front = multiTask ? null : ReadFront(frontNode, methods, attributeNames);
        var evaluation = ReadEvaluation(evaluationNode);
        var sweep = multiTask && root.Get("sweep") is null && methods.All(m => m.Setting is not null)
            ? NoSweep
            : ReadSweep(root.Get("sweep"), multiTask, methodsNode, tasks);
        var (protocol, split) = ReadProtocolAndSplit(root, dataMapping);
        data = data with { Split = split };
        var trainingMapping = root.RequireMapping("training", TrainingKeys);
        var training = ReadTraining(trainingMapping);
        if (!multiTask && training.Reduction == LossReduction.Sum)
        {
            throw trainingMapping.Require("reduction").Error(
                DiagnosticCodes.InvalidValue, "'reduction: sum' applies to the multi-task methods (the MTA-F authors' reduction); these methods' losses are means");
        }

        if (split.Validation == 0d && training.Selection == EpochChoice.BestEpoch)
        {
            var node = dataMapping.Mapping("split", "test", "validation", "seed", "statistics")?.Get("validation");
            throw (node ?? root.Require("training")).Error(
                DiagnosticCodes.InvalidValue,
                "'data.split.validation: 0' leaves no validation rows, which best-epoch selection needs (expected a share in (0, 1), or 'training.selection: last-epoch')");
        }

        if (front?.Conditional is { } frontConditional)
        {
            front = front with { Conditional = Resolve(frontConditional, "front.conditional") };
        }

        if (sweep?.Conditional is { } sweepConditional)
        {
            sweep = sweep with { Conditional = Resolve(sweepConditional, "sweep.conditional") };
        }

        // The epochs (default training.epochs), and the torch engine refused: the conditioned layers are the native engine's.
        ConditionalSpec Resolve(ConditionalSpec conditional, string path) => training.Engine != TrainingEngine.Native
            ? throw new FairMtlException(
                DiagnosticCodes.InvalidValue,
                context.Source.Locate(path),
                $"'{path}' cannot be used here: 'training.engine' is torch, but the conditioned layers (FiLM) are the native engine's; use 'engine: native'")
            : conditional.Epochs > 0 ? conditional : conditional with { Epochs = training.Epochs };

        ComparisonSpec spec = sweep is not null
            ? new MultiTaskSpec(name, description, data, model, headHidden, tasks, sensitive, methods, protocol, training, sweep)
            : new MethodComparisonSpec(name, description, data, model, headHidden, tasks, sensitive, methods, front!, protocol, training, evaluation);
        return new LoadedComparison(spec, context.Source, baseDirectory);
    }

    /// <summary>The FairMT kind's sections after the ones every comparison shares.</summary>
    private static LoadedComparison ReadFairMt(
        YamlMappingReader root,
        YamlReadContext context,
        string baseDirectory,
        YamlNodeReader methodsNode,
        (string Name, string Description, DataSpec Data, YamlMappingReader DataMapping, ModelSpec Model, int[] HeadHidden, TaskSpec[] Tasks, SensitiveAttributeSpec[] Sensitive, MethodSpec[] Methods) common)
    {
        foreach (var key in new[] { "front" })
        {
            if (root.Get(key) is { } misplaced)
            {
                throw misplaced.Error(DiagnosticCodes.UnknownKey, $"'{key}' does not apply to the FairMT kind (it sweeps with 'sweep: {{ lambda, epsilon }}')");
            }
        }

        if (common.Methods.FirstOrDefault(m => m.Setting is not null) is { } fixedMethod)
        {
            throw methodsNode.Error(
                DiagnosticCodes.UnknownKey, $"'setting' of method '{fixedMethod.Name}' applies to the multi-task comparison's methods; the FairMT kind sweeps with 'sweep: {{ lambda, epsilon }}'");
        }

        FairMtSectionReader.CheckMethods(methodsNode, common.Methods, common.Tasks);
        var constraint = FairMtSectionReader.ReadConstraint(root.Get("constraint"), root.Require("tasks"), common.Tasks, common.Sensitive);
        var sweep = FairMtSectionReader.ReadSweep(root.Get("sweep"), methodsNode, common.Methods);
        var (protocol, split) = ReadProtocolAndSplit(root, common.DataMapping);
        var trainingMapping = root.RequireMapping("training", TrainingKeys);
        if (trainingMapping.Get("selection") is { } selectionNode && selectionNode.AsEnum(Selections) != EpochChoice.LastEpoch)
        {
            throw selectionNode.Error(DiagnosticCodes.InvalidValue, "the FairMT kind evaluates the last epoch ('selection: last-epoch'): a selection on the utility alone would undo the constraint");
        }

        if (trainingMapping.Get("reduction") is { } reductionNode && reductionNode.AsEnum(Reductions) != LossReduction.Mean)
        {
            throw reductionNode.Error(DiagnosticCodes.InvalidValue, "'reduction: sum' applies to the routed comparison methods; the FairMT kind's objective is its tasks' mean losses and its constraint");
        }

        var training = ReadTraining(trainingMapping) with { Selection = EpochChoice.LastEpoch };
        var spec = new FairMtSpec(
            common.Name, common.Description, common.Data with { Split = split }, common.Model, common.HeadHidden, common.Tasks, common.Sensitive, common.Methods,
            protocol, training, constraint, sweep);
        return new LoadedComparison(spec, context.Source, baseDirectory);
    }

    private static (ProtocolSpec Protocol, SplitSpec Split) ReadProtocolAndSplit(YamlMappingReader root, YamlMappingReader dataMapping)
    {
        var protocol = ReadProtocol(root.Mapping("protocol", "repetitions", "validation", "test", "seed", "split"));
        return (protocol, DataSectionReader.ReadComparisonSplit(dataMapping.Mapping("split", "test", "validation", "seed", "statistics"), protocol.Split == SplitKind.Files));
    }

    private static SensitiveAttributeSpec[] ReadSensitive(YamlNodeReader node, IReadOnlyList<TaskSpec> tasks)
    {
        var mapping = node.AsOpenMapping("a mapping of attribute names to sensitive attributes").AtMost(InputLimits.NamedEntries, "sensitive attributes");
        if (mapping.Count == 0)
        {
            throw node.Invalid("a mapping with at least one sensitive attribute");
        }

        var attributes = new List<SensitiveAttributeSpec>();
        foreach (var (key, value) in mapping.Entries)
        {
            var attributeName = CheckIdentifier(node, key, "sensitive attribute");
            if (tasks.Any(task => task.Name == attributeName))
            {
                throw node.Context.Error(DiagnosticCodes.UnknownReference, key, $"sensitive attribute '{attributeName}' has the name of a task; use distinct names");
            }

            var attribute = value.AsMapping("a mapping with key column and a grouping rule", GroupSpecReader.Keys);
            attributes.Add(new SensitiveAttributeSpec(attributeName, GroupSpecReader.Read(attribute, testRowsOfOneSplit: false)));
        }

        return attributes.ToArray();
    }

    private static MethodSpec[] ReadMethods(YamlNodeReader node, IReadOnlyList<string> attributes, int tasks)
    {
        var mapping = node.AsOpenMapping("a mapping of method names to methods").AtMost(InputLimits.Methods, "methods");
        if (mapping.Count == 0)
        {
            throw node.Invalid("a mapping with at least one method");
        }

        var methods = new List<MethodSpec>();
        foreach (var (key, value) in mapping.Entries)
        {
            var methodName = key.Value ?? string.Empty;
            if (!IsRowName(methodName, allowPlus: true))
            {
                throw node.Context.Error(DiagnosticCodes.InvalidValue, key, $"method name '{methodName}' must be letters, digits, '-', '_' and '+'");
            }

            methods.Add(ReadMethod(value, methodName, attributes, tasks));
        }

        return methods.ToArray();
    }

    private static MethodSpec ReadMethod(YamlNodeReader node, string name, IReadOnlyList<string> attributes, int tasks)
    {
        var method = node.AsMapping(
            "a mapping with key kind and the kind's settings",
            "kind", "loss", "lambda", "epsilon", "weight", "attribute", "bandwidth", "condition", "violation", "dual_step", "averaging", "head_aware", "combine", "ratio", "shared", "setting");
        var kind = method.Require("kind").AsEnum(MethodKinds);
        var allowed = kind switch
        {
            MethodKind.Regularized => new[] { "kind", "loss", "lambda", "epsilon" },
            MethodKind.Auxiliary => ["kind", "loss", "lambda", "epsilon"],
            MethodKind.Adversarial => ["kind", "weight"],
            MethodKind.GroupDecomposition => ["kind", "attribute"],
            MethodKind.MultiTask => ["kind", "setting"],
            MethodKind.FairMultiTask => ["kind", "loss", "bandwidth", "condition", "setting"],
            MethodKind.MtaF => ["kind", "loss", "bandwidth", "condition", "ratio", "shared", "setting"],
            MethodKind.Penalty => ["kind", "violation", "head_aware", "combine"],
            MethodKind.PrimalDual => ["kind", "violation", "dual_step", "averaging", "head_aware", "combine"],
            _ => ["kind"],
        };
        foreach (var (key, _) in method.Entries)
        {
            if (!allowed.Contains(key.Value))
            {
                throw node.Context.Error(
                    DiagnosticCodes.UnknownKey, key, $"'{key.Value}' does not apply to a method of kind '{Spelling(kind)}' (its keys: {string.Join(", ", allowed)})");
            }
        }

        var loss = FairnessLossKind.Glf;
        if (kind is MethodKind.Regularized or MethodKind.Auxiliary or MethodKind.FairMultiTask or MethodKind.MtaF)
        {
            var lossNode = method.Require("loss");
            loss = lossNode.AsEnum(FairnessLosses);
            if (kind == MethodKind.Auxiliary && loss is not (FairnessLossKind.Glf or FairnessLossKind.Gld or FairnessLossKind.Bgl))
            {
                throw lossNode.Invalid("glf, gld or bgl (the auxiliary fairness heads train with a loss of their group losses)");
            }

            if (kind is MethodKind.FairMultiTask or MethodKind.MtaF && loss is not (FairnessLossKind.Corr or FairnessLossKind.Mmd or FairnessLossKind.Fprl))
            {
                throw lossNode.Invalid("corr, mmd or fpr-gap (the multi-task fairness losses act on a task's negatives)");
            }

            if (kind is not (MethodKind.FairMultiTask or MethodKind.MtaF) && loss is FairnessLossKind.Corr or FairnessLossKind.Mmd)
            {
                throw lossNode.Invalid("glf, gld, bgl, dpl, fprl or tprl (corr and mmd are the multi-task methods' losses)");
            }
        }

        var bandwidth = 0d;
        if (loss == FairnessLossKind.Mmd && kind is MethodKind.FairMultiTask or MethodKind.MtaF)
        {
            bandwidth = method.Require("bandwidth").AsNumber("a number > 0 (the Gaussian kernel's bandwidth)", v => v > 0d, DiagnosticCodes.ImpossibleRange);
        }
        else if (method.Get("bandwidth") is { } bandwidthNode)
        {
            throw bandwidthNode.Error(DiagnosticCodes.UnknownKey, "'bandwidth' is the kernel width of 'loss: mmd' and applies to it only");
        }

        var condition = method.Enum("condition", FairnessCondition.Opportunity, Conditions);

        var lambda = kind switch
        {
            MethodKind.Auxiliary => method.Number("lambda", 0.5, "a number in [0, 1]", v => v is >= 0d and <= 1d, DiagnosticCodes.ImpossibleRange),
            MethodKind.Regularized => method.Number("lambda", 1d, "a number >= 0", v => v >= 0d, DiagnosticCodes.ImpossibleRange),
            _ => 0d,
        };
        var epsilon = 0d;
        if (kind is MethodKind.Regularized or MethodKind.Auxiliary && loss == FairnessLossKind.Bgl)
        {
            epsilon = method.Require("epsilon").AsNumber("a number >= 0 (the loss bound of BGL)", v => v >= 0d, DiagnosticCodes.ImpossibleRange);
        }
        else if (method.Get("epsilon") is { } epsilonNode)
        {
            throw epsilonNode.Error(DiagnosticCodes.UnknownKey, "'epsilon' is the bound of 'loss: bgl' and applies to it only");
        }

        var weight = kind == MethodKind.Adversarial
            ? method.Number("weight", 1d, "a number >= 0", v => v >= 0d, DiagnosticCodes.ImpossibleRange)
            : 0d;
        var attribute = string.Empty;
        if (kind == MethodKind.GroupDecomposition)
        {
            var attributeNode = method.Get("attribute");
            attribute = attributeNode is null ? attributes[0] : ResolveAttribute(attributeNode, attributes);
        }

        var violation = method.Enum("violation", ViolationKind.OneSided, Violations);
        var dualStep = kind == MethodKind.PrimalDual
            ? method.Number("dual_step", 0.1, "a number > 0 (the multiplier's step size)", v => v > 0d, DiagnosticCodes.ImpossibleRange)
            : 0d;
        var averaging = method.Number("averaging", 0d, "a number in [0, 1) (the decay of the running average of F; 0: none)", v => v is >= 0d and < 1d, DiagnosticCodes.ImpossibleRange);
        return new MethodSpec(name, kind, loss, lambda, epsilon, weight, attribute, bandwidth, condition, violation, dualStep, averaging, method.Bool("head_aware", true), method.Enum("combine", false, Combinations),
            method.Number("ratio", 1d, "a number >= 0 (MTA-F's head-to-shared ratio r)", v => v >= 0d, DiagnosticCodes.ImpossibleRange),
            method.Enum("shared", SharedFairness.Paper, SharedParts),
            method.Get("setting") is { } settingNode ? ReadSetting(settingNode, kind, tasks) : null);
    }

    /// <summary>
    /// A multi-task method's <c>setting</c>: <c>weight</c> (w_1 in [0, 1] with two tasks, w_2 = 1 - w_1; or a list of
    /// one weight per task), <c>lambda</c> (fair methods) and <c>ratio</c> (MTA-F), each a number for every task or a
    /// list of one per task.
    /// </summary>
    private static FixedSetting ReadSetting(YamlNodeReader node, MethodKind kind, int tasks)
    {
        var keys = kind switch
        {
            MethodKind.MultiTask => new[] { "weight" },
            MethodKind.FairMultiTask => ["weight", "lambda"],
            _ => ["weight", "lambda", "ratio"],
        };
        var setting = node.AsMapping($"a mapping with keys {string.Join(", ", keys)}", keys);
        double[] PerTask(string key, string expected, Func<double, bool> inRange, double fallback)
        {
            if (setting.Get(key) is not { } value)
            {
                return key == "weight"
                    ? throw node.Error(DiagnosticCodes.MissingKey, $"missing required key 'weight' in '{node.Path}'")
                    : Enumerable.Repeat(fallback, tasks).ToArray();
            }

            if (value.Node is not YamlDotNet.RepresentationModel.YamlSequenceNode)
            {
                var number = value.AsNumber(expected, inRange, DiagnosticCodes.ImpossibleRange);
                return key == "weight" ? (tasks == 2 ? [number, 1d - number] : throw value.Invalid($"a list of {tasks} weights, one per task")) : Enumerable.Repeat(number, tasks).ToArray();
            }

            var items = value.AsList($"a list of {tasks} numbers, one per task");
            if (items.Count != tasks)
            {
                throw value.Invalid($"a list of {tasks} numbers, one per task");
            }

            return items.Select(item => item.AsNumber(expected, inRange, DiagnosticCodes.ImpossibleRange)).ToArray();
        }

        return new FixedSetting(
            PerTask("weight", "a number in [0, 1]", v => v is >= 0d and <= 1d, 0d),
            PerTask("lambda", "a number >= 0", v => v >= 0d, 0d),
            PerTask("ratio", "a number >= 0", v => v >= 0d, 1d));
    }

    private static readonly (string Name, SharedFairness Value)[] SharedParts = [("paper", SharedFairness.Paper), ("released-code", SharedFairness.ReleasedCode)];

    private static readonly (string Name, LossReduction Value)[] Reductions = [("mean", LossReduction.Mean), ("sum", LossReduction.Sum)];

    private static FrontSpec ReadFront(YamlNodeReader? node, IReadOnlyList<MethodSpec> methods, IReadOnlyList<string> attributes)
    {
        if (node is null)
        {
            return new FrontSpec(EquatableArray<string>.Empty, EquatableArray<double>.Empty, FairnessMetric.Eod, attributes[0]);
        }

        var front = node.AsMapping("a mapping with keys methods, lambda, fairness, attribute, conditional", "methods", "lambda", "fairness", "attribute", "conditional");
        var methodsNode = front.Require("methods");
        var names = YamlLists.Names(methodsNode, "a non-empty list of method names", allowEmpty: false);
        var items = methodsNode.AsList("a list of method names");
        for (var i = 0; i < names.Length; i++)
        {
            var method = methods.FirstOrDefault(m => m.Name == names[i]);
            if (method is null)
            {
                throw items[i].Error(
                    DiagnosticCodes.UnknownReference,
                    $"unknown method '{names[i]}'{NameSuggestions.DidYouMean(names[i], methods.Select(m => m.Name))} (expected one of: {string.Join(", ", methods.Select(m => m.Name))})");
            }

            if (method.Kind is not (MethodKind.Auxiliary or MethodKind.Regularized))
            {
                throw items[i].Error(DiagnosticCodes.InvalidValue, $"method '{names[i]}' has no lambda to sweep (expected an auxiliary or regularized method)");
            }
        }

        var lambdaNode = front.Require("lambda");
        var lambdas = SweepSectionReader.ReadValues(lambdaNode, "lambda");
        foreach (var name in names)
        {
            if (methods.First(m => m.Name == name).Kind == MethodKind.Auxiliary && lambdas.Any(v => v is < 0d or > 1d))
            {
                throw lambdaNode.Error(DiagnosticCodes.ImpossibleRange, $"'{lambdaNode.Path}' must lie in [0, 1] for the auxiliary method '{name}'");
            }
        }

        if (lambdas.Any(v => v < 0d))
        {
            throw lambdaNode.Error(DiagnosticCodes.ImpossibleRange, $"'{lambdaNode.Path}' must be >= 0");
        }

        var fairness = front.Enum("fairness", FairnessMetric.Eod, FairnessMetrics);
        var attributeNode = front.Get("attribute");
        var attribute = attributeNode is null ? attributes[0] : ResolveAttribute(attributeNode, attributes);
        var conditional = front.Get("conditional") is { } conditionalNode
            ? ReadComparisonConditional(conditionalNode, [new SweepVariable("lambda", lambdas)], "front", randomGrid: false)
            : null;
        return new FrontSpec(names, lambdas, fairness, attribute, conditional);
    }

    /// <summary>
    /// <c>front.conditional</c> or a multi-task comparison's <c>sweep.conditional</c>: as a sweep's
    /// (<see cref="SweepSectionReader"/>) over <paramref name="variables"/>, drawn per batch unless declared per row,
    /// with no grid by default (a multi-task comparison's grid is a number of random settings: <paramref name="randomGrid"/>).
    /// <see cref="ConditionalSpec.Epochs"/> is 0 (training.epochs) until the training section is read.
    /// </summary>
    private static ConditionalSpec ReadComparisonConditional(YamlNodeReader node, IReadOnlyList<SweepVariable> variables, string section, bool randomGrid) =>
        SweepSectionReader.ReadConditional(node, variables, defaultGrid: 0, pathPrefix: section, defaultSampling: ConditionalSampling.PerBatch, randomGrid: randomGrid);

    private static ComparisonEvaluationSpec? ReadEvaluation(YamlNodeReader? node)
    {
        if (node is null)
        {
            return null;
        }

        var evaluation = node.AsMapping("a mapping with keys eod, ranking", "eod", "ranking");
        var eod = evaluation.Enum("eod", EodDefinition.Max, EodDefinitions);
        var rankingNode = evaluation.Get("ranking");
        var ranking = new List<TableMetric>();
        if (rankingNode is not null)
        {
            foreach (var item in rankingNode.AsList("a non-empty list of metrics (auc, acc, eod, eopd, fpr-gap, gaucd, dp-gap)"))
            {
                var metric = item.AsEnum(TableMetrics);
                if (ranking.Contains(metric))
                {
                    throw item.Error(DiagnosticCodes.InvalidValue, $"'{item.Path}' repeats a metric listed before it (expected each metric once)");
                }

                ranking.Add(metric);
            }

            if (ranking.Count == 0)
            {
                throw rankingNode.Invalid("a non-empty list of metrics (auc, acc, eod, eopd, fpr-gap, gaucd, dp-gap)");
            }
        }

        return new ComparisonEvaluationSpec(eod, ranking.ToArray());
    }

    private static readonly (string Name, EodDefinition Value)[] EodDefinitions = [("max", EodDefinition.Max), ("mean", EodDefinition.Mean)];

    private static readonly (string Name, TableMetric Value)[] TableMetrics =
    [
        ("auc", TableMetric.Auc), ("acc", TableMetric.Accuracy), ("eod", TableMetric.Eod), ("eopd", TableMetric.Eopd),
        ("fpr-gap", TableMetric.FprGap), ("gaucd", TableMetric.Gaucd), ("dp-gap", TableMetric.DpGap),
    ];

    private static ProtocolSpec ReadProtocol(YamlMappingReader? protocol)
    {
        if (protocol is null)
        {
            return new ProtocolSpec(10, 0);
        }

        var split = protocol.Enum("split", SplitKind.Random, SplitKinds);
        var validationNode = protocol.Get("validation");
        var testNode = protocol.Get("test");
        if ((validationNode ?? testNode) is { } moved)
        {
            var validation = validationNode?.AsNumber("a number in (0, 1)", v => v is > 0d and < 1d, DiagnosticCodes.ImpossibleRange) ?? 0.2;
            var test = testNode?.AsNumber("a number in (0, 1)", v => v is > 0d and < 1d, DiagnosticCodes.ImpossibleRange) ?? 0.2;
            var share = validation / (1d - test);
            var instead = split == SplitKind.Files ? $"for the same split write data.split: {{ validation: {Format(validation)} }}"
                : share < 1d ? $"for the same split write data.split: {{ test: {Format(test)}, validation: {Format(share)} }}"
                : $"validation {Format(validation)} and test {Format(test)} of all rows left no training rows: write data.split: {{ test: {Format(test)}, validation: v }} with v below 1";
            throw moved.Error(
                DiagnosticCodes.UnknownKey,
                "'protocol.validation' and 'protocol.test' moved to 'data.split', the split model of every experiment, where validation is a share of "
                + $"the rows left after the test rows; {instead}");
        }

        return new ProtocolSpec(
            protocol.Int("repetitions", 10, "an integer in [1, 1000]", v => v is >= 1 and <= 1000), protocol.Int("seed", 0, "an integer >= 0", v => v >= 0), split);
    }

    /// <summary>Multi-task methods (vanilla, fair, MTA-F) and the others are not compared in one experiment; the
    /// multi-task family needs two tasks or more. Returns whether the methods are the multi-task family.</summary>
    private static bool CheckFamilies(YamlNodeReader methodsNode, IReadOnlyList<MethodSpec> methods, IReadOnlyList<TaskSpec> tasks)
    {
        static bool IsMultiTask(MethodSpec m) => m.Kind is MethodKind.MultiTask or MethodKind.FairMultiTask or MethodKind.MtaF;
        var multi = methods.Count(IsMultiTask);
        if (multi == 0)
        {
            return false;
        }

        if (multi != methods.Count)
        {
            var odd = methods.First(m => !IsMultiTask(m));
            throw methodsNode.Error(
                DiagnosticCodes.InvalidValue,
                $"method '{odd.Name}' ({Spelling(odd.Kind)}) cannot be compared with multi-task methods in one experiment (their single-task references differ); "
                + "put them in separate experiments");
        }

        return tasks.Count >= 2
            ? true
            : throw methodsNode.Error(DiagnosticCodes.InvalidValue, "multi-task methods need at least two tasks under 'tasks'");
    }

    /// <summary>The sweep of a multi-task comparison whose every method has its own setting: no settings.</summary>
    private static readonly MultiTaskSweepSpec NoSweep = new(SweepKind.Random, 0, 0, new ValueRange(0d, 1d), new ValueRange(0d, 5d), new ValueRange(0d, 2d));

    /// <summary>The multi-task methods' sweep; null for the other methods (which take none).</summary>
    private static MultiTaskSweepSpec? ReadSweep(YamlNodeReader? node, bool multiTask, YamlNodeReader methodsNode, IReadOnlyList<TaskSpec> tasks)
    {
        if (node is null)
        {
            return multiTask
                ? throw methodsNode.Error(DiagnosticCodes.MissingKey, "multi-task methods need a 'sweep' section (kind, runs, weight, lambda, ratio)")
                : null;
        }

        if (!multiTask)
        {
            throw node.Error(DiagnosticCodes.UnknownKey, "'sweep' applies to multi-task methods only (use 'front' to sweep lambda)");
        }

        var sweep = node.AsMapping("a mapping with keys kind, runs, seed, weight, lambda, ratio, conditional", "kind", "runs", "seed", "weight", "lambda", "ratio", "conditional");
        ValueRange Range(string key, ValueRange fallback, double low, double high)
        {
            var rangeNode = sweep.Get(key);
            if (rangeNode is null)
            {
                return fallback;
            }

            var (from, to) = YamlLists.Pair(
                rangeNode,
                "a list [low, high] of two numbers",
                $"a number in [{Format(low)}, {Format(high)}]",
                v => v >= low && v <= high,
                DiagnosticCodes.ImpossibleRange,
                ordered: true);
            return new ValueRange(from, to);
        }

        var spec = new MultiTaskSweepSpec(
            sweep.Enum("kind", SweepKind.Random, SweepKinds),
            sweep.Require("runs").AsCount(InputLimits.MultiTaskRuns),
            sweep.Int("seed", 0, "an integer >= 0", v => v >= 0),
            Range("weight", new ValueRange(0d, 1d), 0d, 1d),
            Range("lambda", new ValueRange(0d, 5d), 0d, 1e6),
            Range("ratio", new ValueRange(0d, 2d), 0d, 1e6));
        if (sweep.Get("conditional") is not { } conditionalNode)
        {
            return spec;
        }

        if (tasks.Count != 2)
        {
            throw conditionalNode.Error(
                DiagnosticCodes.InvalidValue,
                $"'sweep.conditional' needs two tasks (w_2 = 1 - w_1 keeps the weights linear in the drawn w_1); the comparison has {tasks.Count}");
        }

        var variables = (spec with { Conditional = new ConditionalSpec(ConditionalSampling.PerBatch, ConditionalDistribution.Uniform, true, 0, 0) })
            .ConditionVariables(tasks.Select(task => task.Name).ToArray()).Variables;
        return spec with
        {
            Conditional = ReadComparisonConditional(conditionalNode, variables, "sweep", randomGrid: true),
        };
    }

    private static readonly string[] TrainingKeys = ["optimizer", "batch_size", "epochs", "selection", "engine", "reduction"];

    internal static readonly (string Name, EpochChoice Value)[] Selections = [("best-epoch", EpochChoice.BestEpoch), ("last-epoch", EpochChoice.LastEpoch)];

    private static ComparisonTrainingSpec ReadTraining(YamlMappingReader training) =>
        new(
            TrainingSectionReader.ReadOptimizer(training.Mapping("optimizer", TrainingSectionReader.OptimizerKeys)),
            training.Int("batch_size", 256, "an integer > 0", v => v > 0),
            training.Require("epochs").AsInt("an integer > 0", v => v > 0),
            training.Enum("selection", EpochChoice.BestEpoch, Selections),
            TrainingSectionReader.ReadEngine(training),
            training.Enum("reduction", LossReduction.Mean, Reductions));

    /// <summary>The sensitive attribute <paramref name="node"/> names (FMTL008 with the nearest name when unknown).</summary>
    internal static string ResolveAttribute(YamlNodeReader node, IReadOnlyList<string> attributes)
    {
        var name = node.AsName("a sensitive attribute's name");
        return attributes.Contains(name)
            ? name
            : throw node.Error(
                DiagnosticCodes.UnknownReference,
                $"unknown sensitive attribute '{name}'{NameSuggestions.DidYouMean(name, attributes)} (expected one of: {string.Join(", ", attributes)})");
    }

    /// <summary>A task's or attribute's key: an identifier (FMTL003 at the key otherwise).</summary>
    internal static string CheckIdentifier(YamlNodeReader node, YamlScalarNode key, string what)
    {
        var name = key.Value ?? string.Empty;
        return Identifiers.IsValid(name)
            ? name
            : throw node.Context.Error(DiagnosticCodes.InvalidValue, key, $"{what} name '{name}' must be {Identifiers.Rule}");
    }

    private static bool IsRowName(string name, bool allowPlus) =>
        name.Length > 0 && name.All(c => Identifiers.IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || (allowPlus && c == '+'));

    private static string Spelling(MethodKind kind) => MethodKinds.First(entry => entry.Value == kind).Name;

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    internal static readonly (string Name, MethodKind Value)[] MethodKinds =
    [
        ("single-task", MethodKind.SingleTask), ("regularized", MethodKind.Regularized), ("adversarial", MethodKind.Adversarial),
        ("group-decomposition", MethodKind.GroupDecomposition), ("auxiliary", MethodKind.Auxiliary),
        ("multi-task", MethodKind.MultiTask), ("fair-multi-task", MethodKind.FairMultiTask), ("mta-f", MethodKind.MtaF),
        ("penalty", MethodKind.Penalty), ("primal-dual", MethodKind.PrimalDual),
    ];

    internal static readonly (string Name, bool Value)[] Combinations = [("sum", false), ("min-norm", true)];

    internal static readonly (string Name, ViolationKind Value)[] Violations = [("one-sided", ViolationKind.OneSided), ("symmetric", ViolationKind.Symmetric)];

    internal static readonly (string Name, FairnessCondition Value)[] Conditions =
        [("opportunity", FairnessCondition.Opportunity), ("odds", FairnessCondition.Odds)];

    internal static readonly (string Name, SplitKind Value)[] SplitKinds = [("random", SplitKind.Random), ("files", SplitKind.Files)];

    internal static readonly (string Name, SweepKind Value)[] SweepKinds = [("random", SweepKind.Random), ("grid", SweepKind.Grid)];

    internal static readonly (string Name, FairnessLossKind Value)[] FairnessLosses =
    [
        ("glf", FairnessLossKind.Glf), ("gld", FairnessLossKind.Gld), ("bgl", FairnessLossKind.Bgl),
        ("dpl", FairnessLossKind.Dpl), ("fprl", FairnessLossKind.Fprl), ("tprl", FairnessLossKind.Tprl),
        ("corr", FairnessLossKind.Corr), ("mmd", FairnessLossKind.Mmd), ("fpr-gap", FairnessLossKind.Fprl),
    ];

    internal static readonly (string Name, FairnessMetric Value)[] FairnessMetrics =
    [
        ("eod", FairnessMetric.Eod), ("eopd", FairnessMetric.Eopd), ("gaucd", FairnessMetric.Gaucd),
        ("fpr-gap", FairnessMetric.FprGap), ("dp-gap", FairnessMetric.DpGap),
    ];
}
