namespace FairMtl.Objectives.Constraints;

/// <summary>How the scaled per-task violations become one constraint value (<see cref="ConstraintAggregation"/>).</summary>
public enum AggregationKind
{
    /// <summary>The largest scaled violation.</summary>
    Max,

    /// <summary>The Boltzmann (softmax-weighted) mean of the scaled violations with a temperature.</summary>
    Smooth,
}
