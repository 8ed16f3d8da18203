namespace FairMtl.Spec;

/// <summary>How a tabular data file is read, which columns are inputs, how rows are split and grouped.</summary>
/// <param name="File">Path of the data file, relative to the experiment file's folder.</param>
/// <param name="Format">Delimited text or whitespace-separated columns.</param>
/// <param name="Delimiter">Field separator for <see cref="DataFormat.Csv"/>.</param>
/// <param name="Header">Whether the first line holds column names.</param>
/// <param name="Columns">Column names when the file has no header (empty otherwise).</param>
/// <param name="Features">Which columns are model inputs.</param>
/// <param name="Standardize">Standardise inputs with the mean and population sd of the training part.</param>
/// <param name="Split">Seeded train/validation/test split.</param>
/// <param name="Groups">The protected groups used for disparities.</param>
/// <param name="SkipLines">Lines skipped at the top of <paramref name="File"/>, before the header if any.</param>
/// <param name="Append">More files with the same columns; their rows follow the rows of <paramref name="File"/>.</param>
/// <param name="Missing">Values (compared after trimming) that mean "missing": a row with one in a used column is dropped.</param>
/// <param name="Filters">Conditions a row must meet to be kept (all of them).</param>
/// <param name="Categorical">Text columns that are one-hot encoded when they are inputs.</param>
/// <param name="Embeddings">Categorical columns learned as embeddings of a declared width (empty: all one-hot).</param>
public sealed record DataSpec(
    string File,
    DataFormat Format,
    char Delimiter,
    bool Header,
    EquatableArray<string> Columns,
    FeatureSelection Features,
    bool Standardize,
    SplitSpec Split,
    GroupSpec Groups,
    int SkipLines,
    EquatableArray<AppendedFile> Append,
    EquatableArray<string> Missing,
    EquatableArray<RowFilter> Filters,
    EquatableArray<string> Categorical,
    EquatableArray<EmbeddingSpec> Embeddings = default);

/// <summary>A categorical input column learned as an embedding (<c>data.embeddings</c>) instead of one-hot inputs.</summary>
/// <param name="Column">The column (one of <c>data.categorical</c>).</param>
/// <param name="Width">The embedding's dimensions.</param>
public sealed record EmbeddingSpec(string Column, int Width);

/// <summary>A file whose rows are appended to the main data file's rows (same columns, same layout).</summary>
/// <param name="File">Path of the file, relative to the experiment file's folder.</param>
/// <param name="SkipLines">Lines skipped at the top of this file, before its header if the data has one.</param>
public sealed record AppendedFile(string File, int SkipLines);

/// <summary>
/// A row condition <c>&lt;column&gt; &lt;op&gt; &lt;value&gt;</c> (syntax and semantics: <see cref="RowFilterSyntax"/>
/// and <c>docs/experiment-format.md</c>).
/// </summary>
/// <param name="Column">The column the condition reads (need not be an input).</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The right-hand side as written (a number for the ordering operators).</param>
public sealed record RowFilter(string Column, FilterOperator Operator, string Value);

/// <summary>The comparison of a <see cref="RowFilter"/>.</summary>
public enum FilterOperator
{
    /// <summary><c>==</c>: numerically equal when both sides are numbers, else equal trimmed text.</summary>
    Equal,

    /// <summary><c>!=</c>: the negation of <see cref="Equal"/>.</summary>
    NotEqual,

    /// <summary><c>&lt;</c> (numeric; a field that is not a number fails).</summary>
    Less,

    /// <summary><c>&lt;=</c> (numeric; a field that is not a number fails).</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c> (numeric; a field that is not a number fails).</summary>
    Greater,

    /// <summary><c>&gt;=</c> (numeric; a field that is not a number fails).</summary>
    GreaterOrEqual,
}

/// <summary>Text layout of a data file.</summary>
public enum DataFormat
{
    /// <summary>Fields separated by a delimiter character (comma by default).</summary>
    Csv,

    /// <summary>Fields separated by runs of spaces or tabs.</summary>
    Whitespace,
}

/// <summary>
/// Input columns, either an explicit include list, or every column except an exclude list. With
/// <see cref="Exclude"/>, head columns and the group column are never inputs.
/// </summary>
public sealed record FeatureSelection(EquatableArray<string> Include, EquatableArray<string> Exclude);

/// <summary>
/// A seeded shuffle split. Row order follows scikit-learn's <c>train_test_split(test_size, random_state=seed)</c>
/// (NumPy's MT19937 permutation), so a split can be matched with a Python pipeline. The validation part, when
/// requested, is split off the training part (the rows left after the test rows) the same way.
/// </summary>
/// <param name="Test">Share of all rows that are test rows.</param>
/// <param name="Validation">Share of the training part that is validation rows.</param>
/// <param name="Seed">The split's seed.</param>
/// <param name="Statistics">Which rows the standardisation statistics (inputs and heads) come from; only matters with
/// validation rows, where a file must say it when anything is standardised.</param>
public sealed record SplitSpec(double Test, double Validation, int Seed, StatisticsRows Statistics = StatisticsRows.Training);

/// <summary>The rows whose mean and standard deviation standardise the inputs and heads.</summary>
public enum StatisticsRows
{
    /// <summary>The training rows only: validation rows are held out like test rows.</summary>
    Training,

    /// <summary>The whole training part, validation rows included (as the Pires et al. reference does).</summary>
    TrainingAndValidation,
}

/// <summary>
/// How a column's values put rows into groups: one model for a sweep's <c>data.groups</c> (two groups, compared on the
/// test rows) and a comparison's sensitive attributes (two or more groups). Documented once in
/// <c>docs/experiment-format.md</c>, "Groups".
/// </summary>
/// <param name="Column">The attribute's column.</param>
/// <param name="Rule">One group per value, a 0/1 column, listed (privileged) values against the rest, a numeric range
/// against the rest, or above a threshold (fixed, or the median of a sweep's test rows).</param>
/// <param name="Threshold">For <see cref="GroupRule.Threshold"/>: group 1 is <c>value &gt; Threshold</c>.</param>
/// <param name="Labels">Display names of group 0 and group 1; empty: names made from the rule (the values, the listed
/// values, the range or the threshold).</param>
/// <param name="Privileged">For <see cref="GroupRule.Privileged"/>: the values of group 1; group 0 is every other
/// value.</param>
/// <param name="Low">For <see cref="GroupRule.Range"/>: group 1 is <c>Low &lt;= value &lt;= High</c>.</param>
/// <param name="High">For <see cref="GroupRule.Range"/>: the upper end (inclusive).</param>
/// <param name="Unknown">Values of a text column that mean the attribute is not known for the row: the row is kept
/// for training and for the overall metrics, but group metrics and fairness losses leave it out.</param>
public sealed record GroupSpec(
    string Column,
    GroupRule Rule,
    double Threshold,
    EquatableArray<string> Labels,
    EquatableArray<string> Privileged = default,
    double Low = 0,
    double High = 0,
    EquatableArray<string> Unknown = default);

/// <summary>What a <see cref="GroupRule"/> needs of its column.</summary>
public static class GroupRules
{
    /// <summary>Whether the rule reads the column as text (values, categories) rather than as numbers.</summary>
    public static bool ReadsText(this GroupRule rule) => rule is GroupRule.Categories or GroupRule.Privileged;
}

/// <summary>Rule that splits rows into groups.</summary>
public enum GroupRule
{
    /// <summary>The column holds 0 and 1; group 1 is the rows with 1.</summary>
    Binary,

    /// <summary>Group 1 is the rows above the median of the column over a sweep's test rows.</summary>
    Median,

    /// <summary>Group 1 is the rows above a fixed threshold.</summary>
    Threshold,

    /// <summary>The column holds text; group 1 is the rows with one of the listed (privileged) values.</summary>
    Privileged,

    /// <summary>Group 1 is the rows whose value lies in a closed range.</summary>
    Range,

    /// <summary>Every distinct value (text, ordinal order) is a group; a sweep needs exactly two.</summary>
    Categories,
}
