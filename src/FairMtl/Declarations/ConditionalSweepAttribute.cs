using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>sweep.conditional</c>: one loss-conditional model per seed instead of a model per sweep point; it takes the
/// sweep variables as inputs, is trained with them drawn at random over their ranges, and is evaluated at every point
/// and on a fine grid. Optional. See <c>docs/conditional-sweeps.md</c>. Beside [MultiTaskSweep] (an MTA-F comparison)
/// it makes one model per method and repetition; only the properties that are set are written, so there the
/// comparison's defaults apply (per batch, no grid; a grid is that many random settings), not the ones below.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConditionalSweepAttribute : Attribute
{
    /// <summary>YAML <c>sweep.conditional.sampling</c>: a draw per row (default) or per mini-batch.</summary>
    public ConditionalSampling Sampling { get; set; } = ConditionalSampling.PerRow;

    /// <summary>YAML <c>sweep.conditional.distribution</c>: uniform (default) or log-uniform over each variable's range, or
    /// the declared points.</summary>
    public ConditionalDistribution Distribution { get; set; } = ConditionalDistribution.Uniform;

    /// <summary>YAML <c>sweep.conditional.film</c>: FiLM scaling and shifting of the trunk's layers (default true).</summary>
    public bool Film { get; set; } = true;

    /// <summary>YAML <c>sweep.conditional.epochs</c>: epochs of the one model, &gt; 0 (default: <c>training.epochs</c>).</summary>
    public int Epochs { get; set; }

    /// <summary>YAML <c>sweep.conditional.grid</c>: values per variable of the fine evaluation grid, 0 or &gt;= 2 (default 101).</summary>
    public int Grid { get; set; } = ConditionalSpec.DefaultGrid;
}
