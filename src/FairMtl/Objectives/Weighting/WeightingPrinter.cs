#nullable enable

using System;
using System.Globalization;
using System.Text;

namespace FairMtl.Objectives.Weighting;

/// <summary>
/// Prints expression trees with as few parentheses as keep the tree intact: operators are left-associative, so a
/// right operand of equal precedence keeps its parentheses (<c>a - (b - c)</c>). A negative operand on the right of an
/// operator is parenthesised too (<c>a - (-b)</c>), which reads better and keeps C# from seeing <c>--</c>.
/// </summary>
internal static class WeightingPrinter
{
    private const int ConditionalPrecedence = 0;
    private const int SumPrecedence = 1;
    private const int ProductPrecedence = 2;
    private const int UnaryPrecedence = 3;
    private const int AtomPrecedence = 4;

    public static string Print(WeightingNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, null);
        return builder.ToString();
    }

    public static string PrintCSharp(WeightingNode node, Func<string, string> nameMapper)
    {
        if (nameMapper is null)
        {
            throw new ArgumentNullException(nameof(nameMapper));
        }

        var builder = new StringBuilder();
        Write(builder, node, nameMapper);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, WeightingNode node, Func<string, string>? csharp)
    {
        switch (node)
        {
            case WeightingNumber number:
                builder.Append(number.Value.ToString("R", CultureInfo.InvariantCulture));
                if (csharp is not null)
                {
                    builder.Append('d');
                }

                break;

            case WeightingName name:
                builder.Append(csharp is null ? name.Name : csharp(name.Name));
                break;

            case WeightingNegation negation:
                builder.Append('-');
                WriteOperand(builder, negation.Operand, csharp, Precedence(negation.Operand) < AtomPrecedence);
                break;

            case WeightingBinary binary:
                var precedence = Precedence(binary);
                WriteOperand(builder, binary.Left, csharp, Precedence(binary.Left) < precedence);
                builder.Append(' ').Append(Symbol(binary.Operator)).Append(' ');
                var right = Precedence(binary.Right);
                WriteOperand(builder, binary.Right, csharp, right <= precedence || right == UnaryPrecedence);
                break;

            case WeightingCall call when csharp is not null && call.Function == WeightingFunction.Sign:
                // System.Math.Sign throws on NaN; the interpreter's sign is 0 there.
                var argument = Print(call.Arguments[0], csharp);
                builder.Append('(').Append(argument).Append(" > 0d ? 1d : ").Append(argument).Append(" < 0d ? -1d : 0d)");
                break;

            case WeightingCall call:
                builder.Append(csharp is null ? WeightingFunctions.NameOf(call.Function) : CSharpName(call.Function)).Append('(');
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Write(builder, call.Arguments[i], csharp);
                }

                builder.Append(')');
                break;

            case WeightingConditional conditional:
                WriteOperand(builder, conditional.Left, csharp, conditional.Left is WeightingConditional);
                builder.Append(" >= ");
                WriteOperand(builder, conditional.Right, csharp, conditional.Right is WeightingConditional);
                builder.Append(" ? ");
                WriteOperand(builder, conditional.WhenTrue, csharp, conditional.WhenTrue is WeightingConditional);
                builder.Append(" : ");
                Write(builder, conditional.WhenFalse, csharp);
                break;

            default:
                throw new ArgumentException($"unknown node type {node.GetType().Name}", nameof(node));
        }
    }

    private static string Print(WeightingNode node, Func<string, string> csharp)
    {
        var builder = new StringBuilder();
        WriteOperand(builder, node, csharp, Precedence(node) < AtomPrecedence);
        return builder.ToString();
    }

    private static void WriteOperand(StringBuilder builder, WeightingNode node, Func<string, string>? csharp, bool parenthesize)
    {
        if (parenthesize)
        {
            builder.Append('(');
        }

        Write(builder, node, csharp);
        if (parenthesize)
        {
            builder.Append(')');
        }
    }

    private static int Precedence(WeightingNode node) => node switch
    {
        WeightingNumber number => BitConverter.DoubleToInt64Bits(number.Value) < 0 ? UnaryPrecedence : AtomPrecedence,
        WeightingNegation => UnaryPrecedence,
        WeightingBinary binary => binary.Operator == WeightingOperator.Add || binary.Operator == WeightingOperator.Subtract
            ? SumPrecedence
            : ProductPrecedence,
        WeightingConditional => ConditionalPrecedence,
        _ => AtomPrecedence,
    };

    private static string Symbol(WeightingOperator op) => op switch
    {
        WeightingOperator.Add => "+",
        WeightingOperator.Subtract => "-",
        WeightingOperator.Multiply => "*",
        _ => "/",
    };

    private static string CSharpName(WeightingFunction function) => function switch
    {
        WeightingFunction.Abs => "System.Math.Abs",
        WeightingFunction.Exp => "System.Math.Exp",
        WeightingFunction.Log => "System.Math.Log",
        WeightingFunction.Max => "System.Math.Max",
        WeightingFunction.Min => "System.Math.Min",
        _ => "System.Math.Sqrt",
    };
}
