using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>Reads <c>data</c>: the file, its layout, the input columns, the split and the protected groups.</summary>
internal static class DataSectionReader
{
    /// <summary>The keys of a comparison experiment's <c>data</c> (no <c>split</c> or <c>groups</c>: its protocol and
    /// sensitive attributes replace them).</summary>
    public static readonly string[] ComparisonKeys =
        ["file", "format", "delimiter", "header", "columns", "features", "standardize", "split", "skip_lines", "append", "missing", "filter", "categorical", "embeddings"];

    /// <summary>No protected groups (comparison experiments declare sensitive attributes instead).</summary>
    private static readonly GroupSpec NoGroups = new(string.Empty, GroupRule.Binary, 0d, EquatableArray<string>.Empty);

    public static DataSpec Read(YamlMappingReader data, bool withSplitAndGroups = true)
    {
        var file = data.Require("file").AsName("a file path");
        var format = data.Enum("format", DataFormat.Csv, YamlEnumValues.DataFormats);
        var delimiter = ReadDelimiter(data);
        var header = data.Bool("header", true);
        var columns = ReadColumns(data, header);
        var features = ReadFeatures(data);
        var standardize = data.Bool("standardize", true);
        var split = withSplitAndGroups ? ReadSplit(data.Mapping("split", "test", "validation", "seed", "statistics")) : ReadSplit(null);
        var groups = withSplitAndGroups ? GroupSpecReader.Read(data.RequireMapping("groups", GroupSpecReader.Keys), testRowsOfOneSplit: true) : NoGroups;
        var skipLines = data.Int("skip_lines", 0, "an integer >= 0", v => v >= 0);
        var append = ReadAppend(data.Get("append"));
        var missing = ReadMissing(data.Get("missing"));
        var filters = ReadFilters(data.Get("filter"));
        var categoricalNode = data.Get("categorical");
        var categorical = categoricalNode is null
            ? EquatableArray<string>.Empty
            : YamlLists.Names(categoricalNode, "a list of column names", allowEmpty: true);
        var embeddings = ReadEmbeddings(data.Get("embeddings"), categorical);
        return new DataSpec(
            file, format, delimiter, header, columns, features, standardize, split, groups, skipLines, append, missing, filters, categorical, embeddings);
    }

    /// <summary>
    /// <c>embeddings</c>: a width for every <c>categorical</c> column, or a mapping of some of them to their widths.
    /// </summary>
    private static EquatableArray<EmbeddingSpec> ReadEmbeddings(YamlNodeReader? node, EquatableArray<string> categorical)
    {
        if (node is null)
        {
            return EquatableArray<EmbeddingSpec>.Empty;
        }

        var expected = $"a width from 1 to {InputLimits.EmbeddingWidth} for every categorical column, or a mapping of categorical columns to widths";
        if (node.Node is YamlDotNet.RepresentationModel.YamlScalarNode)
        {
            var width = node.AsInt(expected, v => v >= 1 && v <= InputLimits.EmbeddingWidth);
            if (categorical.Count == 0)
            {
                throw node.Error(DiagnosticCodes.InvalidValue, $"'{node.Path}' embeds the categorical columns, but 'data.categorical' lists none");
            }

            return categorical.Select(column => new EmbeddingSpec(column, width)).ToArray();
        }

        var mapping = node.AsOpenMapping(expected).AtMost(InputLimits.NamedEntries, "embedded columns");
        var embeddings = new List<EmbeddingSpec>();
        foreach (var (key, value) in mapping.Entries)
        {
            var column = key.Value ?? string.Empty;
            if (!Enumerable.Contains(categorical, column, StringComparer.Ordinal))
            {
                throw value.Error(
                    DiagnosticCodes.InvalidValue,
                    $"'{value.Path}' embeds column '{column}', which 'data.categorical' does not list (expected one of: {string.Join(", ", categorical)})");
            }

            embeddings.Add(new EmbeddingSpec(column, value.AsInt($"a width from 1 to {InputLimits.EmbeddingWidth}", v => v >= 1 && v <= InputLimits.EmbeddingWidth)));
        }

        return embeddings.ToArray();
    }

    private static EquatableArray<AppendedFile> ReadAppend(YamlNodeReader? node)
    {
        if (node is null)
        {
            return EquatableArray<AppendedFile>.Empty;
        }

        const string Expected = "a list of files, each a path or a mapping with keys file, skip_lines";
        var files = new List<AppendedFile>();
        foreach (var item in node.AsList(Expected, InputLimits.AppendedFiles, "files"))
        {
            if (item.Node is YamlDotNet.RepresentationModel.YamlMappingNode)
            {
                var entry = item.AsMapping("a mapping with keys file, skip_lines", "file", "skip_lines");
                files.Add(new AppendedFile(
                    entry.Require("file").AsName("a file path"),
                    entry.Int("skip_lines", 0, "an integer >= 0", v => v >= 0)));
            }
            else
            {
                files.Add(new AppendedFile(item.AsName("a file path, or a mapping with keys file, skip_lines"), 0));
            }
        }

        return files.ToArray();
    }

    private static EquatableArray<string> ReadMissing(YamlNodeReader? node)
    {
        if (node is null)
        {
            return EquatableArray<string>.Empty;
        }

        var items = node.AsList("a list of values that mean 'missing'");
        var markers = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            markers[i] = items[i].AsString("a value (a string)").Trim();
            if (Array.IndexOf(markers, markers[i], 0, i) >= 0)
            {
                throw items[i].Error(DiagnosticCodes.InvalidValue, $"'{node.Path}' lists '{markers[i]}' twice");
            }
        }

        return markers;
    }

    private static EquatableArray<RowFilter> ReadFilters(YamlNodeReader? node)
    {
        if (node is null)
        {
            return EquatableArray<RowFilter>.Empty;
        }

        var items = node.AsList("a list of conditions '<column> <op> <value>'", InputLimits.NamedEntries, "conditions");
        var filters = new RowFilter[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].AsString(RowFilterSyntax.Expected);
            if (!RowFilterSyntax.TryParse(text, out var filter, out var problem))
            {
                throw items[i].Error(
                    DiagnosticCodes.InvalidValue,
                    $"'{items[i].Path}' must be {RowFilterSyntax.Expected}, got {items[i].Describe()} ({problem})");
            }

            filters[i] = filter!;
        }

        return filters;
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

    /// <summary>
    /// <c>data.split</c> of a comparison, the same model as a sweep's: <c>test</c> of all rows, <c>validation</c> of the
    /// rows left after the test rows. Each repetition splits with <c>protocol.seed</c> + its index, so <c>seed</c> is
    /// refused here; with <c>protocol.split: files</c> the test rows are <c>data.append</c>'s, so <c>test</c> is refused.
    /// The defaults (validation 0.25 after test 0.2, or 0.2 of <c>data.file</c>'s rows) are what the comparison format's
    /// former <c>protocol.validation: 0.2</c> (of all rows) meant. <c>validation: 0</c> (no validation rows) is for the last
    /// epoch's evaluation only (<see cref="ComparisonYamlReader"/> checks it against <c>training.selection</c>).
    /// </summary>
    public static SplitSpec ReadComparisonSplit(YamlMappingReader? split, bool files)
    {
        var defaultValidation = files ? 0.2 : 0.25;
        if (split is null)
        {
            return new SplitSpec(files ? 0d : 0.2, defaultValidation, 0);
        }

        if (split.Get("seed") is { } seedNode)
        {
            throw seedNode.Error(
                DiagnosticCodes.UnknownReference,
                "a comparison splits repetition r with protocol.seed + r; set the seed there ('data.split.seed' is the split seed of a sweep)");
        }

        if (files && split.Get("test") is { } testNode)
        {
            throw testNode.Error(
                DiagnosticCodes.UnknownReference, "with 'protocol.split: files' the test rows are those of data.append; 'data.split.test' does not apply");
        }

        var test = files ? 0d : split.Number("test", 0.2, "a number in (0, 1)", v => v > 0d && v < 1d, DiagnosticCodes.ImpossibleRange);
        var validation = split.Number(
            "validation", defaultValidation, "a number in [0, 1) (a share of the rows left after the test rows)", v => v >= 0d && v < 1d, DiagnosticCodes.ImpossibleRange);
        return new SplitSpec(test, validation, 0, Statistics(split));
    }

    /// <summary>
    /// <c>data.split.statistics</c> defaults to <c>training</c> for every kind; a sweep standardised with the whole training
    /// part (validation rows included) before the key existed, so a sweep file that has validation rows, standardises
    /// something and does not say which rows is refused rather than silently given other numbers.
    /// </summary>
    /// <param name="data">The <c>data</c> mapping.</param>
    /// <param name="spec">The data section as read.</param>
    /// <param name="standardised">Whether the inputs or a head are standardised.</param>
    public static void CheckStatistics(YamlMappingReader data, DataSpec spec, bool standardised)
    {
        var split = data.Get("split")?.Node as YamlDotNet.RepresentationModel.YamlMappingNode;
        var declared = split?.Children.Keys.Any(key => key is YamlDotNet.RepresentationModel.YamlScalarNode { Value: "statistics" }) == true;
        if (declared || spec.Split.Validation == 0d || !standardised)
        {
            return;
        }

        var at = data.Get("split") ?? data.Node;
        throw at.Error(
            DiagnosticCodes.MissingKey,
            $"missing required key 'statistics' in 'data.split': with validation rows ({spec.Split.Validation.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} of the training part) " +
            "say which rows standardise the inputs and heads: 'statistics: training-and-validation' (what sweeps did before this key existed) " +
            "or 'statistics: training' (the validation rows held out, as comparisons do by default)");
    }

    private static StatisticsRows Statistics(YamlMappingReader split) =>
        split.Enum("statistics", StatisticsRows.Training, YamlEnumValues.StatisticsRows);

    private static SplitSpec ReadSplit(YamlMappingReader? split)
    {
        if (split is null)
        {
            return new SplitSpec(0.2, 0d, 42);
        }

        var test = split.Number("test", 0.2, "a number in (0, 1)", v => v > 0d && v < 1d, DiagnosticCodes.ImpossibleRange);
        var validation = split.Number("validation", 0d, "a number in [0, 1)", v => v >= 0d && v < 1d, DiagnosticCodes.ImpossibleRange);
        var seed = split.Int("seed", 42, "an integer >= 0", v => v >= 0);
        return new SplitSpec(test, validation, seed, Statistics(split));
    }
}
