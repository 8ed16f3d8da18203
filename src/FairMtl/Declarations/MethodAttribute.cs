using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>YAML <c>methods.&lt;name&gt;</c> of a comparison experiment: one compared method (a table row), in order;
/// only the properties that are set are written (the kind's keys, <c>docs/comparison-experiments.md</c>,
/// <c>docs/fairmt.md</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MethodAttribute : Attribute
{
    /// <param name="name">YAML <c>methods.&lt;name&gt;</c>: letters, digits, '-', '_', '+'.</param>
    /// <param name="kind">YAML <c>kind</c>.</param>
    public MethodAttribute(string name, MethodKind kind)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>YAML <c>methods.&lt;name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>YAML <c>kind</c>.</summary>
    public MethodKind Kind { get; }

    /// <summary>YAML <c>loss</c>: the fairness loss of regularised, auxiliary and multi-task fairness methods.</summary>
    public FairnessLossKind Loss { get; set; }

    /// <summary>YAML <c>lambda</c> (regularised, auxiliary).</summary>
    public double Lambda { get; set; }

    /// <summary>YAML <c>epsilon</c> (BGL's bound).</summary>
    public double Epsilon { get; set; }

    /// <summary>YAML <c>weight</c> (adversarial).</summary>
    public double Weight { get; set; }

    /// <summary>YAML <c>attribute</c> (group decomposition).</summary>
    public string Attribute { get; set; } = string.Empty;

    /// <summary>YAML <c>bandwidth</c> (MMD).</summary>
    public double Bandwidth { get; set; }

    /// <summary>YAML <c>condition</c> (multi-task fairness losses).</summary>
    public FairnessCondition Condition { get; set; }

    /// <summary>YAML <c>violation</c> (FairMT penalty and primal-dual).</summary>
    public ViolationKind Violation { get; set; }

    /// <summary>YAML <c>dual_step</c> (FairMT primal-dual).</summary>
    public double DualStep { get; set; }

    /// <summary>YAML <c>averaging</c> (FairMT primal-dual).</summary>
    public double Averaging { get; set; }

    /// <summary>YAML <c>head_aware</c> (FairMT).</summary>
    public bool HeadAware { get; set; } = true;

    /// <summary>YAML <c>combine: min-norm</c> (FairMT).</summary>
    public bool MinNorm { get; set; }

    /// <summary>YAML <c>ratio</c> (MTA-F in a FairMT experiment).</summary>
    public double Ratio { get; set; }
}
