namespace FairMtl.Spec;

/// <summary>How every model of the experiment is trained.</summary>
/// <param name="Optimizer">Adam or SGD and their settings.</param>
/// <param name="BatchSize">Mini-batch size; batches are reshuffled every epoch, the last partial batch is kept.</param>
/// <param name="Epochs">Epochs per sweep point (an upper bound with early stopping).</param>
/// <param name="Regime">Independent points, or warm-started blocks of points.</param>
/// <param name="EarlyStopping">Early stopping on a head's validation loss, or null.</param>
/// <param name="Engine">The engine that trains the networks (native unless declared).</param>
public sealed record TrainingSpec(
    OptimizerSpec Optimizer,
    int BatchSize,
    int Epochs,
    RegimeSpec Regime,
    EarlyStoppingSpec? EarlyStopping,
    TrainingEngine Engine = TrainingEngine.Native);

/// <summary>Optimiser kind and hyper-parameters.</summary>
/// <param name="Kind">Adam, SGD or Adagrad.</param>
/// <param name="LearningRate">Step size.</param>
/// <param name="Beta1">Adam's first-moment decay.</param>
/// <param name="Beta2">Adam's second-moment decay.</param>
/// <param name="Epsilon">The denominator term of Adam (Keras: 1e-7) and Adagrad (TensorFlow: 0).</param>
/// <param name="Momentum">SGD momentum (0 = plain SGD).</param>
/// <param name="InitialAccumulator">Adagrad's starting sum of squared gradients (TensorFlow: 0.1).</param>
public sealed record OptimizerSpec(
    OptimizerKind Kind,
    double LearningRate,
    double Beta1,
    double Beta2,
    double Epsilon,
    double Momentum,
    double InitialAccumulator = OptimizerSpec.DefaultInitialAccumulator)
{
    /// <summary>Adagrad's initial accumulator when none is given (TensorFlow's, which the MTA-F authors use).</summary>
    public const double DefaultInitialAccumulator = 0.1;
}

/// <summary>Optimiser algorithm.</summary>
public enum OptimizerKind
{
    /// <summary>Adam with bias correction (Kingma and Ba).</summary>
    Adam,

    /// <summary>Stochastic gradient descent, optionally with momentum.</summary>
    Sgd,

    /// <summary>Adagrad: per-weight step sizes shrinking with the sum of squared gradients (TensorFlow's form).</summary>
    Adagrad,
}

/// <summary>How sweep points relate to each other during training.</summary>
/// <param name="Kind">Independent or warm-started blocks.</param>
/// <param name="BlockSize">Points per block for <see cref="RegimeKind.WarmStartBlocks"/> (1 otherwise).</param>
/// <param name="KeepOptimizerState">Within a block, carry the optimiser state to the next point instead of
/// starting a fresh optimiser (a Keras re-compile starts fresh).</param>
public sealed record RegimeSpec(RegimeKind Kind, int BlockSize, bool KeepOptimizerState);

/// <summary>Training regime.</summary>
public enum RegimeKind
{
    /// <summary>Every sweep point is trained from freshly initialised weights.</summary>
    Independent,

    /// <summary>Points are taken in blocks of k: weights are re-initialised at the start of each block and carried on
    /// from point to point inside it.</summary>
    WarmStartBlocks,
}

/// <summary>Keras-style early stopping on a head's validation loss.</summary>
/// <param name="Monitor">Head whose validation loss is watched.</param>
/// <param name="Patience">Epochs without improvement before stopping.</param>
/// <param name="MinDelta">Smallest decrease that counts as an improvement.</param>
/// <param name="RestoreBest">Restore the weights of the best epoch when training ends.</param>
public sealed record EarlyStoppingSpec(string Monitor, int Patience, double MinDelta, bool RestoreBest);

/// <summary>The single-task reference model, trained with the same trunk and regime on its heads alone.</summary>
/// <param name="Enabled">Whether a baseline is trained.</param>
/// <param name="Heads">Heads of the baseline model (the paper: the target head only); its loss is their sum.</param>
/// <param name="Epochs">Epochs for the baseline (an upper bound with early stopping).</param>
public sealed record BaselineSpec(bool Enabled, EquatableArray<string> Heads, int Epochs);
