namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>training.early_stopping</c>: Keras-style early stopping on a head's validation loss; needs
/// <see cref="SplitAttribute.Validation"/> &gt; 0. Optional. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EarlyStoppingAttribute : Attribute
{
    /// <summary>Monitors the evaluated head.</summary>
    public EarlyStoppingAttribute()
    {
    }

    /// <param name="monitor">YAML <c>training.early_stopping.monitor</c>: the head whose validation loss is watched.</param>
    public EarlyStoppingAttribute(string monitor) => Monitor = monitor;

    /// <summary>YAML <c>training.early_stopping.monitor</c> (null: the evaluated head).</summary>
    public string? Monitor { get; }

    /// <summary>YAML <c>training.early_stopping.patience</c>: epochs without improvement before stopping, &gt; 0 (default 10).</summary>
    public int Patience { get; set; } = 10;

    /// <summary>YAML <c>training.early_stopping.min_delta</c>: the smallest decrease that counts, &gt;= 0 (default 0).</summary>
    public double MinDelta { get; set; }

    /// <summary>YAML <c>training.early_stopping.restore_best</c>: restore the best epoch's weights at the end (default false).</summary>
    public bool RestoreBest { get; set; }
}
