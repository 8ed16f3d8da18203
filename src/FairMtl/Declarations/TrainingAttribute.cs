using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>training</c> (without <c>optimizer</c> and <c>early_stopping</c>, see <see cref="OptimizerAttribute"/>
/// and <see cref="EarlyStoppingAttribute"/>): batches, epochs, regime and engine. Required, with <see cref="Epochs"/>. See
/// <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TrainingAttribute : Attribute
{
    /// <summary>YAML <c>training.epochs</c>: epochs per sweep point (an upper bound with early stopping), &gt; 0. Required.</summary>
    public int Epochs { get; set; }

    /// <summary>YAML <c>training.batch_size</c>: the mini-batch size, &gt; 0 (default 32); the last partial batch is kept.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>YAML <c>training.regime.kind</c>: independent points (default) or warm-started blocks.</summary>
    public RegimeKind Regime { get; set; } = RegimeKind.Independent;

    /// <summary>YAML <c>training.regime.block_size</c>: points per warm-start block, &gt; 0 (default 1).</summary>
    public int BlockSize { get; set; } = 1;

    /// <summary>
    /// YAML <c>training.regime.keep_optimizer_state</c>: carry the optimiser state from point to point inside a block
    /// (default false).
    /// </summary>
    public bool KeepOptimizerState { get; set; }

    /// <summary>YAML <c>training.selection</c> (comparison experiments): the best epoch on validation (default) or the last.</summary>
    public EpochChoice Selection { get; set; }

    /// <summary>
    /// YAML <c>training.engine</c>: the engine that trains the networks, native (the default) or torch (libtorch, which
    /// only a host that includes <c>FairMtl.Torch</c> can run; README.md, "Running on libtorch").
    /// </summary>
    public TrainingEngine Engine { get; set; }
}
