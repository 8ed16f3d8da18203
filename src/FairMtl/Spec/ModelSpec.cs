namespace FairMtl.Spec;

/// <summary>The shared trunk: dense layers of the given widths.</summary>
/// <param name="Trunk">Widths of the hidden layers, input side first (the paper: 64, 32).</param>
/// <param name="Activation">Activation after every trunk layer.</param>
/// <param name="Dropout">Dropout rate after every trunk activation (0 disables it).</param>
/// <param name="BatchNorm">Batch normalisation between each dense layer and its activation.</param>
/// <param name="Init">Weight initialiser (biases start at zero).</param>
public sealed record ModelSpec(
    EquatableArray<int> Trunk,
    Activation Activation,
    double Dropout,
    bool BatchNorm,
    Initializer Init);

/// <summary>One output head on top of the trunk.</summary>
/// <param name="Name">The name the loss expression uses for this head's loss.</param>
/// <param name="Column">The data column the head predicts.</param>
/// <param name="Task">Regression (linear output, MSE) or binary (sigmoid output, BCE).</param>
/// <param name="Standardize">Train on the standardised column (statistics of the training part).</param>
/// <param name="Hidden">Widths of head-specific hidden layers before the output (often none).</param>
/// <param name="Positive">For a binary head on a text column: the values that are label 1 (every other value is 0), as
/// a comparison's task declares them; empty: the column holds 0 and 1 (or see <paramref name="Above"/>).</param>
/// <param name="Above">For a binary head on a numeric column: label 1 is <c>value &gt; Above</c>, as for a task.</param>
/// <param name="Classes">Multi-class: the number of classes; multi-label: the number of labels; else unused (0).</param>
public sealed record HeadSpec(
    string Name,
    string Column,
    HeadTask Task,
    bool Standardize,
    EquatableArray<int> Hidden,
    EquatableArray<string> Positive = default,
    double? Above = null,
    int Classes = 0)
{
    /// <summary>Output units per row: one logit per class or label for multi-class and multi-label heads, else one.</summary>
    public int Outputs => Task is HeadTask.MultiClass or HeadTask.MultiLabel ? Classes : 1;

    /// <summary>Target values per row: one 0/1 value per label for multi-label heads; else one (a value, a 0/1 label or
    /// a class index). NaN marks a missing label.</summary>
    public int TargetWidth => Task == HeadTask.MultiLabel ? Classes : 1;
}

/// <summary>What a head predicts and therefore which loss it trains with.</summary>
public enum HeadTask
{
    /// <summary>Linear output trained with mean squared error.</summary>
    Regression,

    /// <summary>Logit output, sigmoid + binary cross-entropy; the column must hold 0 and 1.</summary>
    Binary,

    /// <summary>One logit per class, softmax + cross-entropy; the target is the class index (0 .. classes - 1).</summary>
    MultiClass,

    /// <summary>One logit per label, a sigmoid + binary cross-entropy each; the targets are one 0/1 value per label.</summary>
    MultiLabel,
}

/// <summary>Hidden-layer activation.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>No activation.</summary>
    Linear,
}

/// <summary>Weight initialiser. Biases always start at zero.</summary>
public enum Initializer
{
    /// <summary>Keras' default: U(-l, l), l = sqrt(6 / (fan_in + fan_out)).</summary>
    GlorotUniform,

    /// <summary>He/Kaiming uniform: U(-l, l), l = sqrt(6 / fan_in).</summary>
    HeUniform,

    /// <summary>He/Kaiming normal: N(0, 2 / fan_in).</summary>
    HeNormal,
}
