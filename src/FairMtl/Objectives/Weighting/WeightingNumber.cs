using System;

namespace FairMtl.Objectives.Weighting;

/// <summary>A numeric constant.</summary>
public sealed class WeightingNumber : WeightingNode
{
    /// <summary>Creates a constant written at <paramref name="position"/> (-1 when synthesised).</summary>
    public WeightingNumber(double value, int position = -1)
        : base(position, 1)
    {
        Value = value;
    }

    /// <summary>The constant's value.</summary>
    public double Value { get; }

    internal override bool IsSameAs(WeightingNode other) =>
        other is WeightingNumber number
        && BitConverter.DoubleToInt64Bits(number.Value) == BitConverter.DoubleToInt64Bits(Value);
}
