using System;

namespace FairMtl.Objectives.Weighting;

/// <summary>
/// <c>Left &gt;= Right ? WhenTrue : WhenFalse</c>. Only produced by differentiating <c>max</c> and <c>min</c>; not
/// accepted by the parser.
/// </summary>
public sealed class WeightingConditional : WeightingNode
{
    /// <summary>Creates the conditional.</summary>
    public WeightingConditional(WeightingNode left, WeightingNode right, WeightingNode whenTrue, WeightingNode whenFalse)
        : base(-1, Math.Max(Math.Max(Check(left).Depth, Check(right).Depth), Math.Max(Check(whenTrue).Depth, Check(whenFalse).Depth)) + 1)
    {
        Left = left;
        Right = right;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    /// <summary>The left side of the <c>&gt;=</c> comparison.</summary>
    public WeightingNode Left { get; }

    /// <summary>The right side of the <c>&gt;=</c> comparison.</summary>
    public WeightingNode Right { get; }

    /// <summary>The value when <c>Left &gt;= Right</c>.</summary>
    public WeightingNode WhenTrue { get; }

    /// <summary>The value otherwise (including when either side is NaN).</summary>
    public WeightingNode WhenFalse { get; }

    internal override bool IsSameAs(WeightingNode other) =>
        other is WeightingConditional conditional
        && conditional.Left.IsSameAs(Left)
        && conditional.Right.IsSameAs(Right)
        && conditional.WhenTrue.IsSameAs(WhenTrue)
        && conditional.WhenFalse.IsSameAs(WhenFalse);

    private static WeightingNode Check(WeightingNode node) => node ?? throw new ArgumentNullException(nameof(node));
}
