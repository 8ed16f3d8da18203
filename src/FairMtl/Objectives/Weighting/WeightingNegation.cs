using System;

namespace FairMtl.Objectives.Weighting;

/// <summary>Unary minus.</summary>
public sealed class WeightingNegation : WeightingNode
{
    /// <summary>Creates <c>-operand</c>; <paramref name="position"/> is the minus sign's index.</summary>
    public WeightingNegation(WeightingNode operand, int position = -1)
        : base(position, (operand ?? throw new ArgumentNullException(nameof(operand))).Depth + 1)
    {
        Operand = operand;
    }

    /// <summary>The negated subexpression.</summary>
    public WeightingNode Operand { get; }

    internal override bool IsSameAs(WeightingNode other) =>
        other is WeightingNegation negation && negation.Operand.IsSameAs(Operand);
}
