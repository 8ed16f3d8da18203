using FairMtl.Spec;

namespace FairMtl.Sweeps;

/// <summary>One combination of sweep-variable values (in the order the spec declares the variables).</summary>
public sealed record SweepPoint(int Index, EquatableArray<double> Values);
