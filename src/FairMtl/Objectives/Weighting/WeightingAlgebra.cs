using System;

namespace FairMtl.Objectives.Weighting;

/// <summary>
/// Node constructors that simplify as they build: constants fold (when the result is finite), and neutral and
/// absorbing elements disappear (<c>x * 1</c>, <c>x * 0</c>, <c>0 + x</c>, <c>x - 0</c>, <c>--x</c>). Folding uses the
/// same floating-point operations as evaluation, so a simplified tree evaluates like the original wherever the
/// original is finite (signed zeros aside).
/// </summary>
internal static class WeightingAlgebra
{
    public static readonly WeightingNumber Zero = new(0d);

    public static readonly WeightingNumber One = new(1d);

    public static WeightingNode Number(double value) => value == 0d ? Zero : value == 1d ? One : new WeightingNumber(value);

    public static WeightingNode Negate(WeightingNode operand) => operand switch
    {
        WeightingNumber number => Number(-number.Value),
        WeightingNegation negation => negation.Operand,
        _ => new WeightingNegation(operand),
    };

    public static WeightingNode Add(WeightingNode left, WeightingNode right)
    {
        if (TryFold(left, right, (a, b) => a + b, out var folded))
        {
            return folded;
        }

        if (IsConstant(left, 0d))
        {
            return right;
        }

        if (IsConstant(right, 0d))
        {
            return left;
        }

        return right switch
        {
            WeightingNegation negation => Subtract(left, negation.Operand),
            WeightingNumber number when number.Value < 0d => Subtract(left, Number(-number.Value)),
            _ => new WeightingBinary(WeightingOperator.Add, left, right),
        };
    }

    public static WeightingNode Subtract(WeightingNode left, WeightingNode right)
    {
        if (TryFold(left, right, (a, b) => a - b, out var folded))
        {
            return folded;
        }

        if (IsConstant(right, 0d))
        {
            return left;
        }

        if (IsConstant(left, 0d))
        {
            return Negate(right);
        }

        return right switch
        {
            WeightingNegation negation => Add(left, negation.Operand),
            WeightingNumber number when number.Value < 0d => Add(left, Number(-number.Value)),
            _ => new WeightingBinary(WeightingOperator.Subtract, left, right),
        };
    }

    public static WeightingNode Multiply(WeightingNode left, WeightingNode right)
    {
        if (TryFold(left, right, (a, b) => a * b, out var folded))
        {
            return folded;
        }

        if (IsConstant(left, 0d) || IsConstant(right, 0d))
        {
            return Zero;
        }

        if (IsConstant(left, 1d))
        {
            return right;
        }

        if (IsConstant(right, 1d))
        {
            return left;
        }

        if (IsConstant(left, -1d))
        {
            return Negate(right);
        }

        if (IsConstant(right, -1d))
        {
            return Negate(left);
        }

        return (left, right) switch
        {
            (WeightingNegation a, WeightingNegation b) => Multiply(a.Operand, b.Operand),
            (WeightingNegation a, _) => Negate(Multiply(a.Operand, right)),
            (_, WeightingNegation b) => Negate(Multiply(left, b.Operand)),
            _ => new WeightingBinary(WeightingOperator.Multiply, left, right),
        };
    }

    public static WeightingNode Divide(WeightingNode left, WeightingNode right)
    {
        if (!IsConstant(right, 0d) && TryFold(left, right, (a, b) => a / b, out var folded))
        {
            return folded;
        }

        if (IsConstant(left, 0d) && !IsConstant(right, 0d))
        {
            return Zero;
        }

        if (IsConstant(right, 1d))
        {
            return left;
        }

        if (IsConstant(right, -1d))
        {
            return Negate(left);
        }

        return (left, right) switch
        {
            (WeightingNegation a, WeightingNegation b) => Divide(a.Operand, b.Operand),
            (WeightingNegation a, _) => Negate(Divide(a.Operand, right)),
            (_, WeightingNegation b) => Negate(Divide(left, b.Operand)),
            _ => new WeightingBinary(WeightingOperator.Divide, left, right),
        };
    }

    public static WeightingNode Call(WeightingFunction function, WeightingNode argument) =>
        argument is WeightingNumber number && IsFinite(WeightingFunctions.Apply(function, number.Value, 0d))
            ? Number(WeightingFunctions.Apply(function, number.Value, 0d))
            : new WeightingCall(function, new[] { argument });

    public static WeightingNode Call(WeightingFunction function, WeightingNode first, WeightingNode second) =>
        TryFold(first, second, (a, b) => WeightingFunctions.Apply(function, a, b), out var folded)
            ? folded
            : new WeightingCall(function, new[] { first, second });

    public static WeightingNode Conditional(WeightingNode left, WeightingNode right, WeightingNode whenTrue, WeightingNode whenFalse)
    {
        if (whenTrue.IsSameAs(whenFalse))
        {
            return whenTrue;
        }

        if (left is WeightingNumber a && right is WeightingNumber b)
        {
            return a.Value >= b.Value ? whenTrue : whenFalse;
        }

        return new WeightingConditional(left, right, whenTrue, whenFalse);
    }

    /// <summary>Rebuilds a node through the simplifying constructors (children first).</summary>
    public static WeightingNode Simplify(WeightingNode node) => node switch
    {
        WeightingNegation negation => Negate(Simplify(negation.Operand)),
        WeightingBinary binary => Binary(binary.Operator, Simplify(binary.Left), Simplify(binary.Right)),
        WeightingCall call when call.Arguments.Count == 1 => Call(call.Function, Simplify(call.Arguments[0])),
        WeightingCall call => Call(call.Function, Simplify(call.Arguments[0]), Simplify(call.Arguments[1])),
        WeightingConditional conditional => Conditional(
            Simplify(conditional.Left),
            Simplify(conditional.Right),
            Simplify(conditional.WhenTrue),
            Simplify(conditional.WhenFalse)),
        _ => node,
    };

    public static WeightingNode Binary(WeightingOperator op, WeightingNode left, WeightingNode right) => op switch
    {
        WeightingOperator.Add => Add(left, right),
        WeightingOperator.Subtract => Subtract(left, right),
        WeightingOperator.Multiply => Multiply(left, right),
        _ => Divide(left, right),
    };

    private static bool IsConstant(WeightingNode node, double value) => node is WeightingNumber number && number.Value == value;

    private static bool TryFold(WeightingNode left, WeightingNode right, Func<double, double, double> operation, out WeightingNode folded)
    {
        if (left is WeightingNumber a && right is WeightingNumber b)
        {
            var value = operation(a.Value, b.Value);
            if (IsFinite(value))
            {
                folded = Number(value);
                return true;
            }
        }

        folded = Zero;
        return false;
    }

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
}
