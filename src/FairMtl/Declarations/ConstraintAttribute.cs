using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>YAML <c>constraint</c> of a FairMT experiment (<c>docs/fairmt.md</c>); optional.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConstraintAttribute : Attribute
{
    /// <summary>YAML <c>attributes</c>: the sensitive attributes the constraint compares (default: the first).</summary>
    public string[] Attributes { get; set; } = [];

    /// <summary>YAML <c>reference</c>.</summary>
    public HarmReference Reference { get; set; }

    /// <summary>YAML <c>aggregate</c>.</summary>
    public AggregationKind Aggregate { get; set; }

    /// <summary>YAML <c>temperature</c> (smooth aggregation).</summary>
    public double Temperature { get; set; }

    /// <summary>YAML <c>smoothing</c>: the decay of the group harms' running statistics.</summary>
    public double Smoothing { get; set; }
}
