using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>front</c> of a method comparison (fairness as an auxiliary task, <c>docs/comparison-experiments.md</c>): the
/// lambda front of the named auxiliary or regularised methods, lambda given either as <see cref="From"/>, <see cref="To"/>
/// and <see cref="Count"/> or as <see cref="Values"/>. Optional.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FrontAttribute : Attribute
{
    /// <param name="methods">YAML <c>front.methods</c>: the [Method] names whose lambda is swept.</param>
    public FrontAttribute(params string[] methods) => Methods = methods;

    /// <summary>YAML <c>front.methods</c>.</summary>
    public string[] Methods { get; }

    /// <summary>YAML <c>front.lambda.from</c>: the first lambda.</summary>
    public double From { get; set; }

    /// <summary>YAML <c>front.lambda.to</c>: the last lambda.</summary>
    public double To { get; set; }

    /// <summary>YAML <c>front.lambda.count</c>: how many lambdas, evenly spaced.</summary>
    public int Count { get; set; }

    /// <summary>YAML <c>front.lambda: [...]</c>: the lambdas, when not given as a range.</summary>
    public double[] Values { get; set; } = [];

    /// <summary>YAML <c>front.fairness</c>: the front's fairness metric (default EOD).</summary>
    public FairnessMetric Fairness { get; set; }

    /// <summary>YAML <c>front.attribute</c>: the sensitive attribute it is measured on (default: the first).</summary>
    public string Attribute { get; set; } = string.Empty;
}
