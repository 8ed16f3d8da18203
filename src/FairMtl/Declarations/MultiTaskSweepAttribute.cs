using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>sweep</c> of a multi-task comparison (MTA-F, <c>docs/comparison-experiments.md</c>): the settings (w_1,
/// lambda_t, r_t) every method without its own setting trains at: <see cref="Runs"/> random draws, or a grid of
/// <see cref="Runs"/> values per range. With [ConditionalSweep], one loss-conditional model per method and repetition
/// instead (<c>sweep.conditional</c>; only its properties that are set are written, so a comparison's defaults apply:
/// per batch, no grid).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MultiTaskSweepAttribute : Attribute
{
    /// <param name="runs">YAML <c>sweep.runs</c>: random settings, or values per range of a grid.</param>
    public MultiTaskSweepAttribute(int runs) => Runs = runs;

    /// <summary>YAML <c>sweep.runs</c>.</summary>
    public int Runs { get; }

    /// <summary>YAML <c>sweep.kind</c>: random (default) or grid.</summary>
    public SweepKind Kind { get; set; }

    /// <summary>YAML <c>sweep.seed</c>: the random settings' seed (default 0).</summary>
    public int Seed { get; set; }

    /// <summary>YAML <c>sweep.weight</c>: [low, high] of w_1 (default [0, 1]).</summary>
    public double[] Weight { get; set; } = [];

    /// <summary>YAML <c>sweep.lambda</c>: [low, high] of each task's lambda (default [0, 5]).</summary>
    public double[] Lambda { get; set; } = [];

    /// <summary>YAML <c>sweep.ratio</c>: [low, high] of each task's head/trunk ratio r (default [0, 2]).</summary>
    public double[] Ratio { get; set; } = [];
}
