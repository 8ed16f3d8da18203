namespace FairMtl.Spec;

/// <summary>
/// The bounds every input is read under, so that no file a user or a repository hands the program (at run time or,
/// through the source generator, at build time) can cost more than a bounded amount of time and memory. Going past
/// one is FMTL018 at the first offending token (docs/experiment-format.md, <i>Limits</i>).
/// </summary>
public static class InputLimits
{
    /// <summary>Size of an experiment file in bytes (UTF-8): 1 MiB; the shipped ones are under 4 KiB.</summary>
    public const int ExperimentFileBytes = 1 << 20;

    /// <summary>Nesting of YAML mappings and lists, aliases counted as what they stand for; the schema needs 5.</summary>
    public const int YamlDepth = 64;

    /// <summary>YAML nodes that aliases (<c>*name</c>) may add to a document in all, each counted as the anchored
    /// node's whole subtree: the "billion laughs" shape is refused at the alias that crosses it.</summary>
    public const int YamlAliasNodes = 10_000;

    /// <summary>Values of one sweep variable, or of <c>front.lambda</c>.</summary>
    public const int SweepValues = 10_000;

    /// <summary>Sweep points of one seed (the product of the variables' value counts).</summary>
    public const int SweepPoints = 100_000;

    /// <summary>Seeds of a sweep.</summary>
    public const int Seeds = 10_000;

    /// <summary><c>sweep.runs</c> of a multi-task comparison (a grid has runs^3 settings: the model limit bounds it).</summary>
    public const int MultiTaskRuns = 100_000;

    /// <summary>Heads of a sweep, tasks of a comparison, sensitive attributes, sweep variables: each is a head, a loss
    /// term, a metric column or a loss argument, and a model has a handful.</summary>
    public const int NamedEntries = 64;

    /// <summary>The widest learned embedding of a categorical column (<c>data.embeddings</c>).</summary>
    public const int EmbeddingWidth = 1024;

    /// <summary>Files appended to <c>data.file</c>.</summary>
    public const int AppendedFiles = 1024;

    /// <summary>Methods of a comparison.</summary>
    public const int Methods = 256;

    /// <summary>Width of one dense layer (trunk or head hidden layer).</summary>
    public const int LayerWidth = 16_384;

    /// <summary>Weights between the declared layers of the trunk, or of one head (the input layer, whose size the data
    /// decides, not counted): 50 million, 200 MB of float32 per copy.</summary>
    public const int LayerWeights = 50_000_000;

    /// <summary>Dense layers of the trunk or of a head.</summary>
    public const int Layers = 64;

    /// <summary>Models one run may train unless the command line raises it (<c>--max-models</c>).</summary>
    public const long DefaultMaxModels = 100_000;

    /// <summary>Model inputs after encoding (a categorical column gives one input per category).</summary>
    public const int EncodedInputs = 16_384;

    /// <summary>Encoded input values (inputs x rows): 2^28, 2 GiB of doubles.</summary>
    public const long EncodedCells = 1L << 28;

    /// <summary>Size of a stored result file (a table or summary.json) that <c>report DIR</c> reads: 128 MiB (the
    /// runs table of 100,000 models is about 60 MB).</summary>
    public const int ResultFileBytes = 128 << 20;

    /// <summary>Characters of one line of a data file: 1 MiB.</summary>
    public const int DataLineCharacters = 1 << 20;

    /// <summary>Fields of one line of a data file (Excel's column limit).</summary>
    public const int DataColumns = 16_384;
}
