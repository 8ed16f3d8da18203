namespace FairMtl.Declarations;

/// <summary>YAML <c>sweep</c> of a FairMT experiment: the lambdas of the penalty (and MTA-F) methods and the epsilons
/// of the primal-dual methods.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConstraintSweepAttribute : Attribute
{
    /// <summary>YAML <c>sweep.lambda</c>.</summary>
    public double[] Lambdas { get; set; } = [];

    /// <summary>YAML <c>sweep.epsilon</c>.</summary>
    public double[] Epsilons { get; set; } = [];
}
