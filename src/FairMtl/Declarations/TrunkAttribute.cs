using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>model</c>: the shared trunk. Optional; without it the trunk is 64, 32 with ReLU. See
/// <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TrunkAttribute : Attribute
{
    /// <param name="widths">YAML <c>model.trunk</c>: widths (&gt; 0) of the shared dense layers, input side first;
    /// none written means the default 64, 32.</param>
    public TrunkAttribute(params int[] widths) => Widths = widths;

    /// <summary>YAML <c>model.trunk</c>.</summary>
    public int[] Widths { get; }

    /// <summary>YAML <c>model.activation</c>: activation of the trunk layers (default ReLU).</summary>
    public Activation Activation { get; set; } = Activation.Relu;

    /// <summary>YAML <c>model.dropout</c>: dropout after every trunk activation, in [0, 1) (default 0).</summary>
    public double Dropout { get; set; }

    /// <summary>YAML <c>model.batch_norm</c>: batch normalisation between dense layer and activation (default false).</summary>
    public bool BatchNorm { get; set; }

    /// <summary>YAML <c>model.init</c>: the weight initialiser (default Glorot uniform); biases start at zero.</summary>
    public Initializer Init { get; set; } = Initializer.GlorotUniform;

    /// <summary>YAML <c>model.head_hidden</c> (comparison experiments): widths of every task head's hidden layers.</summary>
    public int[] HeadHidden { get; set; } = [];
}
