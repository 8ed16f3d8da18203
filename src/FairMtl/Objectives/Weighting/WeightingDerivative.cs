using System;

namespace FairMtl.Objectives.Weighting;

/// <summary>
/// Symbolic differentiation. At kinks the derivative is one-sided by convention: <c>abs'(0) = 0</c>, and
/// <c>max(a, b)' = a'</c> where <c>a &gt;= b</c> (<c>min(a, b)' = a'</c> where <c>a &lt;= b</c>).
/// </summary>
internal static class WeightingDerivative
{
    public static WeightingNode Differentiate(WeightingNode node, string name)
    {
        switch (node)
        {
            case WeightingNumber:
                return WeightingAlgebra.Zero;

            case WeightingName reference:
                return string.Equals(reference.Name, name, StringComparison.Ordinal) ? WeightingAlgebra.One : WeightingAlgebra.Zero;

            case WeightingNegation negation:
                return WeightingAlgebra.Negate(Differentiate(negation.Operand, name));

            case WeightingBinary binary:
                return Binary(binary, name);

            case WeightingCall call:
                return Call(call, name);

            case WeightingConditional conditional:
                return WeightingAlgebra.Conditional(
                    conditional.Left,
                    conditional.Right,
                    Differentiate(conditional.WhenTrue, name),
                    Differentiate(conditional.WhenFalse, name));

            default:
                throw new ArgumentException($"unknown node type {node.GetType().Name}", nameof(node));
        }
    }

    private static WeightingNode Binary(WeightingBinary binary, string name)
    {
        var u = binary.Left;
        var v = binary.Right;
        var du = Differentiate(u, name);
        var dv = Differentiate(v, name);
        switch (binary.Operator)
        {
            case WeightingOperator.Add:
                return WeightingAlgebra.Add(du, dv);

            case WeightingOperator.Subtract:
                return WeightingAlgebra.Subtract(du, dv);

            case WeightingOperator.Multiply:
                return WeightingAlgebra.Add(WeightingAlgebra.Multiply(du, v), WeightingAlgebra.Multiply(u, dv));

            default:
                // u'/v - u v'/v^2 rather than (u'v - u v')/v^2: with a constant divisor it stays u'/v.
                return WeightingAlgebra.Subtract(
                    WeightingAlgebra.Divide(du, v),
                    WeightingAlgebra.Divide(WeightingAlgebra.Multiply(u, dv), WeightingAlgebra.Multiply(v, v)));
        }
    }

    private static WeightingNode Call(WeightingCall call, string name)
    {
        var u = call.Arguments[0];
        var du = Differentiate(u, name);
        switch (call.Function)
        {
            case WeightingFunction.Abs:
                return WeightingAlgebra.Multiply(WeightingAlgebra.Call(WeightingFunction.Sign, u), du);

            case WeightingFunction.Exp:
                return WeightingAlgebra.Multiply(call, du);

            case WeightingFunction.Log:
                return WeightingAlgebra.Divide(du, u);

            case WeightingFunction.Sqrt:
                return WeightingAlgebra.Divide(du, WeightingAlgebra.Multiply(WeightingAlgebra.Number(2d), call));

            case WeightingFunction.Max:
            {
                var v = call.Arguments[1];
                return WeightingAlgebra.Conditional(u, v, du, Differentiate(v, name));
            }

            case WeightingFunction.Min:
            {
                var v = call.Arguments[1];
                return WeightingAlgebra.Conditional(v, u, du, Differentiate(v, name));
            }

            case WeightingFunction.Sign:
                return WeightingAlgebra.Zero;

            default:
                throw new ArgumentException($"unknown function {call.Function}", nameof(call));
        }
    }
}
