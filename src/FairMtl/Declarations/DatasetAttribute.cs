using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>data</c> (without <c>split</c> and <c>groups</c>, see <see cref="SplitAttribute"/> and
/// <see cref="GroupsAttribute"/>): the data file and how to read it. Required. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DatasetAttribute : Attribute
{
    /// <param name="file">YAML <c>data.file</c>: the data file, relative to the folder of the declaring .cs file.</param>
    public DatasetAttribute(string file) => File = file;

    /// <summary>YAML <c>data.file</c>.</summary>
    public string File { get; }

    /// <summary>YAML <c>data.format</c>: delimited text (default) or columns separated by runs of blanks.</summary>
    public DataFormat Format { get; set; } = DataFormat.Csv;

    /// <summary>YAML <c>data.delimiter</c>: the field separator for <see cref="DataFormat.Csv"/> (default ',').</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>YAML <c>data.header</c>: the first line holds the column names (default true).</summary>
    public bool Header { get; set; } = true;

    /// <summary>YAML <c>data.columns</c>: the column names; required with <c>Header = false</c>, not allowed otherwise.</summary>
    public string[] Columns { get; set; } = [];

    /// <summary>YAML <c>data.features.include</c>: the input columns. Give this or <see cref="Exclude"/>, not both.</summary>
    public string[] Include { get; set; } = [];

    /// <summary>
    /// YAML <c>data.features.exclude</c>: the inputs are all other columns except the head columns and the group column
    /// (the default when neither this nor <see cref="Include"/> is given).
    /// </summary>
    public string[] Exclude { get; set; } = [];

    /// <summary>
    /// YAML <c>data.standardize</c>: standardise the inputs with the mean and population sd of the training part
    /// (default true).
    /// </summary>
    public bool Standardize { get; set; } = true;

    /// <summary>YAML <c>data.skip_lines</c>: lines skipped at the top of the file (default 0).</summary>
    public int SkipLines { get; set; }

    /// <summary>YAML <c>data.append</c>: more files with the same columns, their rows after the file's (none skip lines;
    /// a file that needs <c>skip_lines</c> is declared in YAML).</summary>
    public string[] Append { get; set; } = [];

    /// <summary>YAML <c>data.missing</c>: values that mean "missing" (a row with one in a used column is dropped).</summary>
    public string[] Missing { get; set; } = [];

    /// <summary>YAML <c>data.filter</c>: row conditions <c>column op value</c> a row must all meet to be kept.</summary>
    public string[] Filter { get; set; } = [];

    /// <summary>YAML <c>data.categorical</c>: text input columns, one-hot encoded.</summary>
    public string[] Categorical { get; set; } = [];

    /// <summary>YAML <c>data.embeddings: N</c>: every categorical column learned as an embedding of N dimensions instead
    /// of one-hot inputs (0, the default: none; widths per column are declared in YAML).</summary>
    public int Embeddings { get; set; }
}
