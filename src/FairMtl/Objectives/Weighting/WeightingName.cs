using System;

namespace FairMtl.Objectives.Weighting;

/// <summary>A reference to a loss or a sweep variable.</summary>
public sealed class WeightingName : WeightingNode
{
    /// <summary>Creates a name reference written at <paramref name="position"/> (-1 when synthesised).</summary>
    public WeightingName(string name, int position = -1)
        : base(position, 1)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>The identifier.</summary>
    public string Name { get; }

    internal override bool IsSameAs(WeightingNode other) =>
        other is WeightingName name && string.Equals(name.Name, Name, StringComparison.Ordinal);
}
