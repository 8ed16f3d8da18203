using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>Reads <c>data</c>: the file, its layout, the input columns, the split and the protected groups.</summary>
internal static class DataSectionReader
{
    public static DataSpec Read(YamlMappingReader data)
    {
        var file = data.Require("file").AsName("a file path");
        var format = data.Enum("format", DataFormat.Csv, YamlEnumValues.DataFormats);
        var delimiter = ReadDelimiter(data);
        var header = data.Bool("header", true);
        var columns = ReadColumns(data, header);
        var features = ReadFeatures(data);
        var standardize = data.Bool("standardize", true);
        var split = ReadSplit(data.Mapping("split", "test", "validation", "seed"));
        var groups = ReadGroups(data.RequireMapping("groups", "column", "rule", "threshold", "labels"));
        return new DataSpec(file, format, delimiter, header, columns, features, standardize, split, groups);
    }

    private static char ReadDelimiter(YamlMappingReader data)
    {
        var node = data.Get("delimiter");
        if (node is null)
        {
            return ',';
        }

        var text = node.AsString("a single character");
        return text.Length == 1 ? text[0] : throw node.Invalid("a single character");
    }

    private static string[] ReadColumns(YamlMappingReader data, bool header)
    {
        var node = data.Get("columns");
        if (header)
        {
            return node is null
                ? []
                : throw node.Error(
                    DiagnosticCodes.UnknownReference,
                    "'data.columns' is only allowed with 'header: false'; the file's header names the columns");
        }

        return node is null
            ? throw data.Node.Error(DiagnosticCodes.UnknownReference, "'data.columns' is required with 'header: false'")
            : YamlLists.Names(node, "a non-empty list of column names", allowEmpty: false);
    }

    private static FeatureSelection ReadFeatures(YamlMappingReader data)
    {
        var features = data.Mapping("features", "include", "exclude");
        if (features is null)
        {
            return new FeatureSelection(EquatableArray<string>.Empty, EquatableArray<string>.Empty);
        }

        var include = features.Get("include");
        var exclude = features.Get("exclude");
        if (include is not null && exclude is not null)
        {
            var second = features.Entries[1].Value;
            throw second.Error(DiagnosticCodes.UnknownReference, "'data.features' takes 'include' or 'exclude', not both");
        }

        return include is not null
            ? new FeatureSelection(YamlLists.Names(include, "a non-empty list of column names", allowEmpty: false), EquatableArray<string>.Empty)
            : new FeatureSelection(
                EquatableArray<string>.Empty,
                exclude is null ? EquatableArray<string>.Empty : YamlLists.Names(exclude, "a list of column names", allowEmpty: true));
    }

    private static SplitSpec ReadSplit(YamlMappingReader? split)
    {
        if (split is null)
        {
            return new SplitSpec(0.2, 0d, 42);
        }

        var test = split.Number("test", 0.2, "a number in (0, 1)", v => v > 0d && v < 1d, DiagnosticCodes.ImpossibleRange);
        var validation = split.Number("validation", 0d, "a number in [0, 1)", v => v >= 0d && v < 1d, DiagnosticCodes.ImpossibleRange);
        var seed = split.Int("seed", 42, "an integer >= 0", v => v >= 0);
        return new SplitSpec(test, validation, seed);
    }

    private static GroupSpec ReadGroups(YamlMappingReader groups)
    {
        var column = groups.Require("column").AsName("a column name");
        var rule = groups.Enum("rule", GroupRule.Binary, YamlEnumValues.GroupRules);
        var thresholdNode = groups.Get("threshold");
        double threshold = 0d;
        if (rule == GroupRule.Threshold)
        {
            threshold = (thresholdNode ?? throw groups.Node.Error(
                    DiagnosticCodes.MissingKey, "missing required key 'threshold' in 'data.groups' (needed by 'rule: threshold')"))
                .AsNumber("a number", _ => true);
        }
        else if (thresholdNode is not null)
        {
            throw thresholdNode.Error(DiagnosticCodes.UnknownReference, "'data.groups.threshold' is only allowed with 'rule: threshold'");
        }

        var labelsNode = groups.Get("labels");
        string[] labels = ["group0", "group1"];
        if (labelsNode is not null)
        {
            labels = YamlLists.Names(labelsNode, "a list of two names", allowEmpty: false);
            if (labels.Length != 2)
            {
                throw labelsNode.Invalid("a list of two names");
            }
        }

        return new GroupSpec(column, rule, threshold, labels);
    }
}
