namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>baseline</c>: the single-task reference model, trained with the same trunk and regime on its heads alone.
/// Optional; by default it trains the evaluated head for the training epochs. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BaselineAttribute : Attribute
{
    /// <param name="heads">YAML <c>baseline.heads</c>: the baseline's heads (its loss is their sum); none written means
    /// the evaluated head.</param>
    public BaselineAttribute(params string[] heads) => Heads = heads;

    /// <summary>YAML <c>baseline.heads</c>.</summary>
    public string[] Heads { get; }

    /// <summary>YAML <c>baseline.epochs</c>: epochs (an upper bound with early stopping), &gt; 0 (default: the training epochs).</summary>
    public int Epochs { get; set; }

    /// <summary>YAML <c>baseline.enabled</c>: whether a baseline is trained (default true).</summary>
    public bool Enabled { get; set; } = true;
}
