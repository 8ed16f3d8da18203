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
public sealed record DataSpec(
    string File,
    DataFormat Format,
    char Delimiter,
    bool Header,
    EquatableArray<string> Columns,
    FeatureSelection Features,
    bool Standardize,
    SplitSpec Split,
    GroupSpec Groups);

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
/// requested, is split off the training part the same way.
/// </summary>
public sealed record SplitSpec(double Test, double Validation, int Seed);

/// <summary>How test rows are assigned to the two protected groups (group 0 and group 1).</summary>
/// <param name="Column">The protected attribute's column.</param>
/// <param name="Rule">Binary values, or a threshold (fixed, or the median of the test rows).</param>
/// <param name="Threshold">For <see cref="GroupRule.Threshold"/>: group 1 is <c>value &gt; Threshold</c>.</param>
/// <param name="Labels">Display names of group 0 and group 1.</param>
public sealed record GroupSpec(string Column, GroupRule Rule, double Threshold, EquatableArray<string> Labels);

/// <summary>Rule that splits rows into group 0 and group 1.</summary>
public enum GroupRule
{
    /// <summary>The column holds 0 and 1; group 1 is the rows with 1.</summary>
    Binary,

    /// <summary>Group 1 is the rows above the median of the column over the test rows.</summary>
    Median,

    /// <summary>Group 1 is the rows above a fixed threshold.</summary>
    Threshold,
}
