using System.Globalization;
using System.Text;
using FairMtl.Generators.Diagnostics;
using FairMtl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// Translates the expression of a C# <c>Loss</c> method to the weighting language: <c>+ - * /</c>, parentheses, unary
/// minus and plus, numeric literals, names and <c>Math.Max/Min/Abs/Exp/Log/Sqrt</c>. Anything else is FMTL016 at
/// its syntax node. Names are passed through: the expression validator reports the unknown ones.
/// </summary>
internal sealed class LossTranslator
{
    public const string Supported =
        "Loss may use + - * /, parentheses, unary minus, numbers, its parameters and Math.Max, Min, Abs, Exp, Log and Sqrt";

    private static readonly Dictionary<string, string> Functions = new(StringComparer.Ordinal)
    {
        ["Max"] = "max", ["Min"] = "min", ["Abs"] = "abs", ["Exp"] = "exp", ["Log"] = "log", ["Sqrt"] = "sqrt",
    };

    private readonly StringBuilder _text = new();
    private readonly List<LossSegment> _segments = new();
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly ICollection<string> _parameters;
    private readonly INamedTypeSymbol _type;

    private LossTranslator(ICollection<string> parameters, INamedTypeSymbol type)
    {
        _parameters = parameters;
        _type = type;
    }

    /// <param name="expression">The method's expression.</param>
    /// <param name="parameters">The method's parameter names.</param>
    /// <param name="type">The class declaring the method: its members are not available to the weighting.</param>
    /// <param name="declaration">The method's name, for <see cref="TranslatedLoss.Declaration"/>.</param>
    public static TranslatedLoss Translate(
        ExpressionSyntax expression, ICollection<string> parameters, INamedTypeSymbol type, DiagnosticLocation declaration)
    {
        var translator = new LossTranslator(parameters, type);
        translator.Visit(expression);
        return new TranslatedLoss(
            translator._text.ToString(),
            translator._segments,
            translator._diagnostics,
            declaration,
            DiagnosticLocation.FromRoslyn(expression.GetLocation()));
    }

    private void Visit(ExpressionSyntax node)
    {
        var start = _text.Length;
        string? name = null;
        switch (node)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                _text.Append('(');
                Visit(parenthesized.Expression);
                _text.Append(')');
                break;
            case BinaryExpressionSyntax binary when Operator(binary) is { } op:
                Visit(binary.Left);
                _text.Append(' ').Append(op).Append(' ');
                Visit(binary.Right);
                break;
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression):
                _text.Append('-');
                Visit(unary.Operand);
                break;
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryPlusExpression):
                Visit(unary.Operand);
                break;
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                name = Number(literal);
                break;
            case IdentifierNameSyntax identifier:
                name = Name(identifier);
                break;
            case InvocationExpressionSyntax call when Function(call.Expression) is { } function:
                name = function;
                Call(call, function);
                break;
            default:
                Unsupported(node, $"'{Shorten(node)}' is not supported in Loss; {Supported}");
                break;
        }

        _segments.Add(new LossSegment(start, _text.Length - start, name, DiagnosticLocation.FromRoslyn(node.GetLocation())));
    }

    private static string? Operator(BinaryExpressionSyntax binary) => binary.Kind() switch
    {
        SyntaxKind.AddExpression => "+",
        SyntaxKind.SubtractExpression => "-",
        SyntaxKind.MultiplyExpression => "*",
        SyntaxKind.DivideExpression => "/",
        _ => null,
    };

    private string? Number(LiteralExpressionSyntax literal)
    {
        string text;
        switch (literal.Token.Value)
        {
            case double:
                // The literal's digits, so that the spec reads as written; C# and the weighting parser round them alike.
                text = literal.Token.Text.Replace("_", string.Empty).TrimEnd('d', 'D');
                break;
            case int or uint or long or ulong:
                text = ((IFormattable)literal.Token.Value).ToString(null, CultureInfo.InvariantCulture);
                break;
            default:
                Unsupported(
                    literal,
                    $"the literal '{literal.Token.Text}' is not a double or an integer (float and decimal round differently); write it without suffix or with 'd'");
                return null;
        }

        _text.Append(text);
        return text;
    }

    private string Name(IdentifierNameSyntax identifier)
    {
        var name = identifier.Identifier.ValueText;
        if (!_parameters.Contains(name) && !_type.GetMembers(name).IsEmpty)
        {
            Unsupported(identifier, $"'{name}' is a member of {_type.Name}; {Supported}");
        }

        _text.Append(name);
        return name;
    }

    private void Call(InvocationExpressionSyntax call, string function)
    {
        _text.Append(function).Append('(');
        var arguments = call.ArgumentList.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(", ");
            }

            var argument = arguments[i];
            if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                Unsupported(argument, $"'{Shorten(argument)}': named and ref arguments are not supported in Loss; {Supported}");
            }

            Visit(argument.Expression);
        }

        _text.Append(')');
    }

    /// <summary>"max" for <c>Math.Max</c>, <c>System.Math.Max</c> or <c>global::System.Math.Max</c>, else null.</summary>
    private static string? Function(ExpressionSyntax callee)
    {
        if (callee is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax method } access
            || !access.IsKind(SyntaxKind.SimpleMemberAccessExpression)
            || !Functions.TryGetValue(method.Identifier.ValueText, out var function))
        {
            return null;
        }

        var isMath = access.Expression switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Math" } => true,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Math" } qualified => qualified.Expression switch
            {
                IdentifierNameSyntax { Identifier.ValueText: "System" } => true,
                AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name.Identifier.ValueText: "System" } => true,
                _ => false,
            },
            QualifiedNameSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "System" }, Right.Identifier.ValueText: "Math" } => true,
            QualifiedNameSyntax
            {
                Left: AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name.Identifier.ValueText: "System" },
                Right.Identifier.ValueText: "Math",
            } => true,
            _ => false,
        };
        return isMath ? function : null;
    }

    private void Unsupported(SyntaxNode node, string message) =>
        _diagnostics.Add(new DiagnosticInfo(GeneratorDiagnosticCodes.UnsupportedConstruct, message, DiagnosticLocation.FromRoslyn(node.GetLocation())));

    private static string Shorten(SyntaxNode node)
    {
        var text = string.Join(" ", node.ToString().Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
