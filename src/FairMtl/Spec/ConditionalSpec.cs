namespace FairMtl.Spec;

/// <summary>
/// A loss-conditional sweep (<c>sweep.conditional</c>): instead of a model per point, one model per seed that takes the
/// sweep variables as inputs, trained with the variables drawn at random over their declared ranges, then evaluated at
/// every declared point and on a fine grid (Dosovitskiy and Djolonga's "You Only Train Once").
/// </summary>
/// <param name="Sampling">Whether a draw of the variables holds for a whole mini-batch or each row has its own.</param>
/// <param name="Distribution">What the variables are drawn from: uniform or log-uniform over each variable's range
/// (its smallest to its largest declared value), or uniformly among the declared points.</param>
/// <param name="Film">Whether each trunk layer's outputs are also scaled and shifted by linear functions of the
/// variables (FiLM), besides the variables being appended to the inputs.</param>
/// <param name="Epochs">Epochs of the one model (default: <c>training.epochs</c>).</param>
/// <param name="Grid">Values per variable of the fine evaluation grid spanning each range (0: no grid).</param>
public sealed record ConditionalSpec(
    ConditionalSampling Sampling, ConditionalDistribution Distribution, bool Film, int Epochs, int Grid)
{
    /// <summary>The default grid: 101 values, so that a range's every hundredth is a grid point.</summary>
    public const int DefaultGrid = 101;
}

/// <summary>How often the conditioning variables are drawn.</summary>
public enum ConditionalSampling
{
    /// <summary>One draw per mini-batch: every row of a batch trains at the same weighting.</summary>
    PerBatch,

    /// <summary>One draw per row: each row's losses are weighted by its own draw.</summary>
    PerRow,
}

/// <summary>The distribution the conditioning variables are drawn from, independently per variable.</summary>
public enum ConditionalDistribution
{
    /// <summary>Uniform between the variable's smallest and largest declared value.</summary>
    Uniform,

    /// <summary>Log-uniform between them (the values must be positive).</summary>
    LogUniform,

    /// <summary>One of the declared values, each equally likely.</summary>
    Points,
}
