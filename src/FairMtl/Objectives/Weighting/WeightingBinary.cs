using System;

namespace FairMtl.Objectives.Weighting;

/// <summary>A binary arithmetic operation.</summary>
public sealed class WeightingBinary : WeightingNode
{
    /// <summary>Creates <c>left op right</c>; <paramref name="position"/> is the operator's index.</summary>
    public WeightingBinary(WeightingOperator op, WeightingNode left, WeightingNode right, int position = -1)
        : base(position, Math.Max(Check(left).Depth, Check(right).Depth) + 1)
    {
        Operator = op;
        Left = left;
        Right = right;
    }

    /// <summary>The operator.</summary>
    public WeightingOperator Operator { get; }

    /// <summary>The left operand.</summary>
    public WeightingNode Left { get; }

    /// <summary>The right operand.</summary>
    public WeightingNode Right { get; }

    internal override bool IsSameAs(WeightingNode other) =>
        other is WeightingBinary binary
        && binary.Operator == Operator
        && binary.Left.IsSameAs(Left)
        && binary.Right.IsSameAs(Right);

    private static WeightingNode Check(WeightingNode node) => node ?? throw new ArgumentNullException(nameof(node));
}
