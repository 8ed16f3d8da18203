using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>YAML <c>protocol</c> of a comparison experiment: repeated hold-out (default 10 repetitions, seed 0, a random
/// split).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ProtocolAttribute : Attribute
{
    /// <summary>YAML <c>repetitions</c>.</summary>
    public int Repetitions { get; set; }

    /// <summary>YAML <c>seed</c>.</summary>
    public int Seed { get; set; }

    /// <summary>YAML <c>split</c>: a seeded share of all rows, or the files' own split.</summary>
    public SplitKind Split { get; set; }
}
