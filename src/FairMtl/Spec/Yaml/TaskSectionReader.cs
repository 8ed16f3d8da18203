using FairMtl.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// The <c>tasks</c> section of comparison experiments: binary tasks for the classification kinds; for the FairMT kind
/// also regression, multi-class and multi-label tasks with a utility weight, a harm in the constraint and injected
/// missing labels.
/// </summary>
public static class TaskSectionReader
{
    private static readonly string[] BinaryKeys = ["column", "positive", "above", "threshold"];

    private static readonly string[] FairMtKeys =
        ["type", "column", "columns", "positive", "above", "threshold", "classes", "loss", "standardize", "weight", "harm", "missing"];

    /// <summary>Reads the tasks; <paramref name="heterogeneous"/>: the FairMT kind's keys are allowed.</summary>
    internal static TaskSpec[] Read(YamlNodeReader node, bool heterogeneous)
    {
        var mapping = node.AsOpenMapping("a mapping of task names to tasks").AtMost(InputLimits.NamedEntries, "tasks");
        if (mapping.Count == 0)
        {
            throw node.Invalid("a mapping with at least one task");
        }

        var tasks = new List<TaskSpec>();
        foreach (var (key, value) in mapping.Entries)
        {
            var name = ComparisonYamlReader.CheckIdentifier(node, key, "task");
            tasks.Add(heterogeneous ? ReadHeterogeneous(value, name) : ReadBinary(value, name));
        }

        return tasks.ToArray();
    }

    private static TaskSpec ReadBinary(YamlNodeReader value, string name)
    {
        var task = value.AsMapping("a mapping with keys column and positive or above", BinaryKeys);
        var (positive, above) = BinaryLabelReader.Read(task);
        var (threshold, prior, matched) = ReadThreshold(task, allowMatched: true);
        return new TaskSpec(name, task.Require("column").AsName("a column name"), positive, above, threshold, prior, MatchedThreshold: matched);
    }

    private static TaskSpec ReadHeterogeneous(YamlNodeReader value, string name)
    {
        var task = value.AsMapping("a mapping with keys type and column (or columns) and the type's settings", FairMtKeys);
        var type = task.Enum("type", HeadTask.Binary, Types);
        var allowed = type switch
        {
            HeadTask.Regression => new[] { "type", "column", "loss", "standardize", "weight", "harm", "missing" },
            HeadTask.MultiClass => ["type", "column", "classes", "weight", "harm", "missing"],
            HeadTask.MultiLabel => ["type", "columns", "positive", "above", "threshold", "weight", "harm", "missing"],
            _ => ["type", "column", "positive", "above", "threshold", "weight", "harm", "missing"],
        };
        foreach (var (key, _) in task.Entries)
        {
            if (!allowed.Contains(key.Value))
            {
                throw value.Context.Error(
                    DiagnosticCodes.UnknownKey, key, $"'{key.Value}' does not apply to a task of type '{Spelling(type)}' (its keys: {string.Join(", ", allowed)})");
            }
        }

        var labels = EquatableArray<string>.Empty;
        string column;
        if (type == HeadTask.MultiLabel)
        {
            var columnsNode = task.Require("columns");
            labels = YamlLists.Names(columnsNode, "a list of at least two 0/1 columns", allowEmpty: false);
            if (labels.Count < 2)
            {
                throw columnsNode.Error(DiagnosticCodes.ImpossibleRange, $"a multi-label task needs at least two columns under '{columnsNode.Path}' (one is a binary task)");
            }

            if (labels.Count > InputLimits.NamedEntries)
            {
                throw columnsNode.Error(DiagnosticCodes.InputLimit, $"'{columnsNode.Path}' lists more than {InputLimits.NamedEntries} columns");
            }

            column = labels[0];
        }
        else
        {
            column = task.Require("column").AsName("a column name");
        }

        var (positive, above) = type is HeadTask.Binary or HeadTask.MultiLabel ? BinaryLabelReader.Read(task) : ([], null);
        var (threshold, prior, _) = type is HeadTask.Binary or HeadTask.MultiLabel ? ReadThreshold(task, allowMatched: false) : (0.5, false, false);
        var classesNode = task.Get("classes");
        EquatableArray<string> classes = classesNode is null ? EquatableArray<string>.Empty : YamlLists.Names(classesNode, "a list of at least two class values", allowEmpty: false);
        if (classesNode is not null && classes.Count < 2)
        {
            throw classesNode.Error(DiagnosticCodes.ImpossibleRange, $"a multi-class task needs at least two classes under '{classesNode.Path}'");
        }

        var loss = task.Enum("loss", RegressionLoss.Mse, Losses);
        var weight = task.Number("weight", 1d, "a number >= 0 (the task's utility weight)", v => v >= 0d, DiagnosticCodes.ImpossibleRange);
        var harm = ReadHarm(task.Get("harm"), type);
        var missing = ReadMissing(task.Get("missing"));
        return new TaskSpec(name, column, positive, above, threshold, prior, type, labels, classes, loss, task.Bool("standardize", false), weight, harm, missing);
    }

    /// <summary><c>threshold</c>: a number, <c>prior</c> (the training rows' share of positives) or, where the threshold
    /// is only used by the metrics (<paramref name="allowMatched"/>), <c>matched</c> (the score at which the evaluated
    /// rows' share of predicted positives is the training rows' share of positives: the MTA-F authors' rule).</summary>
    private static (double Threshold, bool Prior, bool Matched) ReadThreshold(YamlMappingReader task, bool allowMatched)
    {
        var thresholdNode = task.Get("threshold");
        var word = thresholdNode?.Node is YamlScalarNode { Value: var text } ? text : null;
        if (word == "matched" && !allowMatched)
        {
            throw thresholdNode!.Error(
                DiagnosticCodes.InvalidValue,
                "'threshold: matched' is taken from the evaluated rows' scores, but the FairMT kind also trains at its tasks' thresholds (expected a number in (0, 1) or 'prior')");
        }

        var prior = word is "prior" or "matched";
        var threshold = thresholdNode is null || prior
            ? 0.5
            : thresholdNode.AsNumber(
                allowMatched
                    ? "a number in (0, 1), 'prior' (the training rows' share of positives) or 'matched' (the score at which the evaluated rows' share of predicted positives is the training rows' share)"
                    : "a number in (0, 1) or 'prior' (the training rows' share of positives)",
                v => v is > 0d and < 1d,
                DiagnosticCodes.ImpossibleRange);
        return (threshold, prior, word == "matched");
    }

    /// <summary><c>harm: kind</c> or <c>harm: { kind, tolerance, scale, favourable }</c>; null when absent.</summary>
    private static HarmSpec? ReadHarm(YamlNodeReader? node, HeadTask type)
    {
        if (node is null)
        {
            return null;
        }

        var mapping = node.Node is YamlScalarNode ? null : node.AsMapping("a harm name or a mapping with keys kind, tolerance, scale, favourable", "kind", "tolerance", "scale", "favourable");
        var kindNode = mapping is null ? node : mapping.Require("kind");
        var kind = kindNode.AsEnum(Harms);
        var regression = type == HeadTask.Regression;
        if (regression != kind is HarmKind.Mse or HarmKind.Mae)
        {
            throw kindNode.Invalid(regression ? "mse or mae (a regression task's harm is its group error)" : "opportunity or parity (a classification task's harm is a group rate)");
        }

        if (type == HeadTask.MultiClass && kind == HarmKind.Parity)
        {
            throw kindNode.Invalid("opportunity (the soft positive rates of a multi-class task sum to 1 over the classes, so their mean cannot measure parity)");
        }

        var tolerance = mapping?.Number("tolerance", 0d, "a number >= 0", v => v >= 0d, DiagnosticCodes.ImpossibleRange) ?? 0d;
        var scale = 1d;
        if (mapping?.Get("scale") is { } scaleNode)
        {
            scale = scaleNode.Node is YamlScalarNode { Value: "measured" }
                ? 0d
                : scaleNode.AsNumber("a number > 0 or 'measured' (the spread of the task's training labels)", v => v > 0d, DiagnosticCodes.ImpossibleRange);
        }

        var favourableNode = mapping?.Get("favourable");
        if (favourableNode is not null && type is not (HeadTask.Binary or HeadTask.MultiLabel))
        {
            throw favourableNode.Error(DiagnosticCodes.UnknownKey, "'favourable' applies to binary and multi-label tasks only");
        }

        var negative = favourableNode?.AsEnum(Favourable) ?? false;
        return new HarmSpec(kind, tolerance, scale, negative);
    }

    private static MissingLabelsSpec? ReadMissing(YamlNodeReader? node)
    {
        if (node is null)
        {
            return null;
        }

        var missing = node.AsMapping("a mapping with keys rate, mechanism and (by group) group", "rate", "mechanism", "group");
        var rate = missing.Require("rate").AsNumber("a number in [0, 1)", v => v is >= 0d and < 1d, DiagnosticCodes.ImpossibleRange);
        var mechanism = missing.Enum("mechanism", MissingMechanism.Mcar, Mechanisms);
        var groupNode = missing.Get("group");
        if (mechanism == MissingMechanism.ByGroup && groupNode is null)
        {
            throw node.Error(DiagnosticCodes.MissingKey, $"'mechanism: by-group' needs '{node.Path}.group': the group (of the constraint's attribute) whose rows lose labels");
        }

        if (mechanism == MissingMechanism.Mcar && groupNode is not null)
        {
            throw groupNode.Error(DiagnosticCodes.UnknownKey, "'group' applies to 'mechanism: by-group' only");
        }

        return new MissingLabelsSpec(rate, mechanism, groupNode?.AsString("a group name") ?? string.Empty);
    }

    /// <summary>How YAML spells a task type.</summary>
    public static string Spelling(HeadTask type) => Types.First(entry => entry.Value == type).Name;

    internal static readonly (string Name, HeadTask Value)[] Types =
        [("binary", HeadTask.Binary), ("regression", HeadTask.Regression), ("multi-class", HeadTask.MultiClass), ("multi-label", HeadTask.MultiLabel)];

    internal static readonly (string Name, RegressionLoss Value)[] Losses = [("mse", RegressionLoss.Mse), ("mae", RegressionLoss.Mae)];

    internal static readonly (string Name, HarmKind Value)[] Harms =
        [("opportunity", HarmKind.Opportunity), ("parity", HarmKind.Parity), ("mse", HarmKind.Mse), ("mae", HarmKind.Mae)];

    private static readonly (string Name, bool Value)[] Favourable = [("positive", false), ("negative", true)];

    internal static readonly (string Name, MissingMechanism Value)[] Mechanisms = [("mcar", MissingMechanism.Mcar), ("by-group", MissingMechanism.ByGroup)];
}
