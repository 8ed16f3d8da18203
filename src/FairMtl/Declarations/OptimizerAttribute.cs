using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>training.optimizer</c>: the optimiser and its hyper-parameters. Optional; the default is Adam with Keras'
/// defaults. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OptimizerAttribute : Attribute
{
    /// <summary>Adam.</summary>
    public OptimizerAttribute()
        : this(OptimizerKind.Adam)
    {
    }

    /// <param name="kind">YAML <c>training.optimizer.name</c>: Adam, SGD or Adagrad.</param>
    public OptimizerAttribute(OptimizerKind kind) => Kind = kind;

    /// <summary>YAML <c>training.optimizer.name</c>.</summary>
    public OptimizerKind Kind { get; }

    /// <summary>YAML <c>training.optimizer.lr</c>: the learning rate, &gt; 0 (default 0.001).</summary>
    public double LearningRate { get; set; } = 0.001;

    /// <summary>YAML <c>training.optimizer.beta1</c>: Adam's first-moment decay, in [0, 1) (default 0.9).</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>YAML <c>training.optimizer.beta2</c>: Adam's second-moment decay, in [0, 1) (default 0.999).</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>YAML <c>training.optimizer.epsilon</c>: Adam's epsilon, &gt; 0 (default 1e-7, as Keras); Adagrad's, &gt;= 0
    /// (default 0, as TensorFlow). Not given, the kind's default applies.</summary>
    public double Epsilon { get; set; } = 1e-7;

    /// <summary>YAML <c>training.optimizer.momentum</c>: SGD momentum, in [0, 1) (default 0).</summary>
    public double Momentum { get; set; }

    /// <summary>YAML <c>training.optimizer.initial_accumulator</c>: Adagrad's starting sum of squared gradients, &gt;= 0
    /// (default 0.1, as TensorFlow and the MTA-F authors).</summary>
    public double InitialAccumulator { get; set; } = OptimizerSpec.DefaultInitialAccumulator;
}
