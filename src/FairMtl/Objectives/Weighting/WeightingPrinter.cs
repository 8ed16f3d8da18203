#nullable enable

using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace FairMtl.Objectives.Weighting;

/// <summary>
/// Prints expression trees with as few parentheses as keep the tree intact: operators are left-associative, so a
/// right operand of equal precedence keeps its parentheses (<c>a - (b - c)</c>). A negative operand on the right of an
/// operator is parenthesised too (<c>a - (-b)</c>), which reads better and keeps C# from seeing <c>--</c>.
/// The C# forms print the tree as it is (same operations, same order); the tensor form differs from the plain C# one
/// only in the functions whose argument is a tensor (TorchSharp's operators take over the arithmetic).
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
        Write(builder, node, nameMapper, null);
        return builder.ToString();
    }

    /// <summary>
    /// A C# expression of type <c>TorchSharp.torch.Tensor</c> when some name is a tensor (<paramref name="isTensor"/>):
    /// the subexpressions without tensors stay <c>double</c> arithmetic, the others are TorchSharp operators and
    /// functions (<c>abs exp log sqrt sign</c> element-wise, <c>max</c> and <c>min</c> as <c>maximum</c>/<c>minimum</c>
    /// of two tensors or <c>clamp_min</c>/<c>clamp_max</c> of a tensor by a number). Null when the tree has a
    /// conditional over tensors (only derivatives contain conditionals): it has no tensor form.
    /// </summary>
    public static string? PrintTensorCSharp(WeightingNode node, Func<string, string> nameMapper, Func<string, bool> isTensor)
    {
        if (nameMapper is null)
        {
            throw new ArgumentNullException(nameof(nameMapper));
        }

        if (isTensor is null)
        {
            throw new ArgumentNullException(nameof(isTensor));
        }

        if (!HasTensorForm(node, isTensor))
        {
            return null;
        }

        var builder = new StringBuilder();
        Write(builder, node, nameMapper, isTensor);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, WeightingNode node, Func<string, string>? csharp, Func<string, bool>? tensor = null)
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
                WriteOperand(builder, negation.Operand, csharp, Precedence(negation.Operand) < AtomPrecedence, tensor);
                break;

            case WeightingBinary binary when csharp is not null && tensor is not null && IsTensor(binary, tensor)
                && (binary.Operator == WeightingOperator.Add || binary.Operator == WeightingOperator.Subtract):
                // TorchSharp's + passes an implicit factor 1 as a scalar its finalizer can free mid-call: the engine's sum.
                builder.Append(binary.Operator == WeightingOperator.Add ? TorchSum : TorchDifference).Append('(');
                WriteScalarOr(builder, binary.Left, csharp, false, tensor, !IsTensor(binary.Left, tensor));
                builder.Append(", ");
                WriteScalarOr(builder, binary.Right, csharp, false, tensor, !IsTensor(binary.Right, tensor));
                builder.Append(')');
                break;

            case WeightingBinary binary:
                var precedence = Precedence(binary);
                var scalarLeft = csharp is not null && tensor is not null && !IsTensor(binary.Left, tensor) && IsTensor(binary.Right, tensor);
                var scalarRight = csharp is not null && tensor is not null && IsTensor(binary.Left, tensor) && !IsTensor(binary.Right, tensor);
                WriteScalarOr(builder, binary.Left, csharp, Precedence(binary.Left) < precedence, tensor, scalarLeft);
                builder.Append(' ').Append(Symbol(binary.Operator)).Append(' ');
                var right = Precedence(binary.Right);
                WriteScalarOr(builder, binary.Right, csharp, right <= precedence || right == UnaryPrecedence, tensor, scalarRight);
                break;

            case WeightingCall call when csharp is not null && tensor is not null && IsTensor(call, tensor):
                WriteTensorCall(builder, call, csharp, tensor);
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

                    Write(builder, call.Arguments[i], csharp, tensor);
                }

                builder.Append(')');
                break;

            case WeightingConditional conditional:
                WriteOperand(builder, conditional.Left, csharp, conditional.Left is WeightingConditional, tensor);
                builder.Append(" >= ");
                WriteOperand(builder, conditional.Right, csharp, conditional.Right is WeightingConditional, tensor);
                builder.Append(" ? ");
                WriteOperand(builder, conditional.WhenTrue, csharp, conditional.WhenTrue is WeightingConditional, tensor);
                builder.Append(" : ");
                Write(builder, conditional.WhenFalse, csharp, tensor);
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

    private static void WriteOperand(
        StringBuilder builder, WeightingNode node, Func<string, string>? csharp, bool parenthesize, Func<string, bool>? tensor = null)
    {
        if (parenthesize)
        {
            builder.Append('(');
        }

        Write(builder, node, csharp, tensor);
        if (parenthesize)
        {
            builder.Append(')');
        }
    }

    /// <summary>
    /// An operand, or, when it is a number next to a tensor (<paramref name="scalar"/>), the number as a scalar the
    /// torch engine holds until the end of its step (<c>FairMtl.Torch.Modules.TorchScalars</c>: TorchSharp's implicit
    /// scalars can be freed by its finalizer while libtorch reads them).
    /// </summary>
    private static void WriteScalarOr(
        StringBuilder builder, WeightingNode node, Func<string, string>? csharp, bool parenthesize, Func<string, bool>? tensor, bool scalar)
    {
        if (!scalar)
        {
            WriteOperand(builder, node, csharp, parenthesize, tensor);
            return;
        }

        builder.Append(TorchScalar).Append('(');
        Write(builder, node, csharp, tensor);
        builder.Append(')');
    }

    private const string TorchScalar = "global::FairMtl.Torch.Modules.TorchScalars.Of";

    private const string TorchSum = "global::FairMtl.Torch.Modules.TorchScalars.Sum";

    private const string TorchDifference = "global::FairMtl.Torch.Modules.TorchScalars.Difference";

    /// <summary><c>torch.f(t)</c> for the element-wise functions; <c>max</c> and <c>min</c> of two tensors as
    /// <c>maximum</c>/<c>minimum</c>, of a tensor and a number as <c>clamp_min</c>/<c>clamp_max</c> (the tensor first).</summary>
    private static void WriteTensorCall(StringBuilder builder, WeightingCall call, Func<string, string> csharp, Func<string, bool> tensor)
    {
        const string Torch = "global::TorchSharp.torch.";
        var arguments = call.Arguments;
        if (call.Function == WeightingFunction.Max || call.Function == WeightingFunction.Min)
        {
            var max = call.Function == WeightingFunction.Max;
            var both = IsTensor(arguments[0], tensor) && IsTensor(arguments[1], tensor);
            var (first, second) = both || IsTensor(arguments[0], tensor) ? (arguments[0], arguments[1]) : (arguments[1], arguments[0]);
            builder.Append(Torch).Append(both ? (max ? "maximum" : "minimum") : (max ? "clamp_min" : "clamp_max")).Append('(');
            Write(builder, first, csharp, tensor);
            builder.Append(", ");
            WriteScalarOr(builder, second, csharp, false, tensor, !both);
            builder.Append(')');
            return;
        }

        builder.Append(Torch).Append(WeightingFunctions.NameOf(call.Function)).Append('(');
        Write(builder, arguments[0], csharp, tensor);
        builder.Append(')');
    }

    /// <summary>Whether the subtree's value depends on a tensor name.</summary>
    private static bool IsTensor(WeightingNode node, Func<string, bool> tensor) => node switch
    {
        WeightingName name => tensor(name.Name),
        WeightingNegation negation => IsTensor(negation.Operand, tensor),
        WeightingBinary binary => IsTensor(binary.Left, tensor) || IsTensor(binary.Right, tensor),
        WeightingCall call => call.Arguments.Any(argument => IsTensor(argument, tensor)),
        WeightingConditional conditional => IsTensor(conditional.Left, tensor) || IsTensor(conditional.Right, tensor)
            || IsTensor(conditional.WhenTrue, tensor) || IsTensor(conditional.WhenFalse, tensor),
        _ => false,
    };

    /// <summary>False when a conditional of the tree involves a tensor.</summary>
    private static bool HasTensorForm(WeightingNode node, Func<string, bool> tensor) => node switch
    {
        WeightingNegation negation => HasTensorForm(negation.Operand, tensor),
        WeightingBinary binary => HasTensorForm(binary.Left, tensor) && HasTensorForm(binary.Right, tensor),
        WeightingCall call => call.Arguments.All(argument => HasTensorForm(argument, tensor)),
        WeightingConditional conditional => !IsTensor(conditional, tensor),
        _ => true,
    };

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
