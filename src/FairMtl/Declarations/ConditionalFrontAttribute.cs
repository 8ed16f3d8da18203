using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>front.conditional</c>: one loss-conditional model per front method and repetition instead of one per lambda
/// (lambda drawn at random during training, appended to the inputs and FiLM-modulating the trunk), scored at every
/// front lambda. Needs [Front]. Only the properties that are set are written, so the front's defaults apply (per batch,
/// uniform, FiLM, <c>training.epochs</c>, no grid). See <c>docs/conditional-sweeps.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConditionalFrontAttribute : Attribute
{
    /// <summary>YAML <c>front.conditional.sampling</c>: a draw per mini-batch (default) or per row.</summary>
    public ConditionalSampling Sampling { get; set; }

    /// <summary>YAML <c>front.conditional.distribution</c>: uniform (default) or log-uniform over the lambdas' range, or
    /// the declared lambdas.</summary>
    public ConditionalDistribution Distribution { get; set; }

    /// <summary>YAML <c>front.conditional.film</c>: FiLM on the trunk's layers (default true).</summary>
    public bool Film { get; set; } = true;

    /// <summary>YAML <c>front.conditional.epochs</c>: epochs of each model (default: <c>training.epochs</c>).</summary>
    public int Epochs { get; set; }

    /// <summary>YAML <c>front.conditional.grid</c>: lambdas of the fine evaluation grid, 0 (default) or &gt;= 2.</summary>
    public int Grid { get; set; }
}
