using FairMtl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// One declaration attribute on the experiment class, with its arguments by constructor parameter name
/// (<c>name</c>, <c>widths</c>) or property name (<c>Format</c>). An argument is present only when the source writes
/// it, so that everything left out takes the YAML default.
/// </summary>
internal sealed class DeclaredAttribute
{
    private readonly Dictionary<string, DeclaredArgument> _arguments;

    private DeclaredAttribute(string metadataName, DiagnosticLocation location, Dictionary<string, DeclaredArgument> arguments, bool hasErrors)
    {
        MetadataName = metadataName;
        Location = location;
        _arguments = arguments;
        HasErrors = hasErrors;
    }

    public string MetadataName { get; }

    /// <summary>The whole attribute, <c>Head("y", "MEDV")</c>.</summary>
    public DiagnosticLocation Location { get; }

    /// <summary>The compiler reports an error in this attribute; the generator stays silent about it.</summary>
    public bool HasErrors { get; }

    public DeclaredArgument? Get(string name) => _arguments.TryGetValue(name, out var argument) ? argument : null;

    /// <summary>The written arguments among <paramref name="names"/>, in source order.</summary>
    public IEnumerable<(string Name, DeclaredArgument Argument)> InSourceOrder(params string[] names) =>
        names.Select(name => (name, Argument: Get(name)))
            .Where(pair => pair.Argument is not null)
            .OrderBy(pair => pair.Argument!.Location.SpanStart)
            .Select(pair => (pair.name, pair.Argument!));

    public static DeclaredAttribute Read(AttributeData data, string metadataName, DiagnosticLocation fallback, CancellationToken cancellationToken)
    {
        var syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var location = syntax is null ? fallback : DiagnosticLocation.FromRoslyn(syntax.GetLocation());
        var arguments = new Dictionary<string, DeclaredArgument>(StringComparer.Ordinal);
        var constructor = data.AttributeConstructor;
        var hasErrors = constructor is null
            || data.ConstructorArguments.Any(IsError)
            || data.NamedArguments.Any(named => IsError(named.Value));
        if (hasErrors)
        {
            return new DeclaredAttribute(metadataName, location, arguments, hasErrors: true);
        }

        var syntaxArguments = syntax?.ArgumentList?.Arguments ?? default;
        var positional = ConstructorSyntax(constructor!, syntaxArguments);
        for (var i = 0; i < constructor!.Parameters.Length; i++)
        {
            var parameter = constructor.Parameters[i];
            var written = positional[i];
            if (syntax is not null && written.Count == 0)
            {
                continue;
            }

            var value = data.ConstructorArguments[i];
            arguments[parameter.Name] = written.Count switch
            {
                0 => new DeclaredArgument(value, location, Array.Empty<DiagnosticLocation>()),
                1 when !parameter.IsParams || IsArrayExpression(written[0].Expression) => Single(value, written[0].Expression),
                _ => new DeclaredArgument(
                    value,
                    Span(written[0].Expression, written[written.Count - 1].Expression),
                    written.Select(argument => DiagnosticLocation.FromRoslyn(argument.Expression.GetLocation())).ToArray()),
            };
        }

        foreach (var named in data.NamedArguments)
        {
            var written = syntaxArguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == named.Key);
            arguments[named.Key] = written is null
                ? new DeclaredArgument(named.Value, location, Array.Empty<DiagnosticLocation>())
                : Single(named.Value, written.Expression);
        }

        return new DeclaredAttribute(metadataName, location, arguments, hasErrors: false);
    }

    private static bool IsError(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Error || (constant.Kind == TypedConstantKind.Array && !constant.IsNull && constant.Values.Any(IsError));

    /// <summary>The syntax arguments of each constructor parameter; a params parameter in expanded form gets several.</summary>
    private static List<AttributeArgumentSyntax>[] ConstructorSyntax(IMethodSymbol constructor, SeparatedSyntaxList<AttributeArgumentSyntax> arguments)
    {
        var result = constructor.Parameters.Select(_ => new List<AttributeArgumentSyntax>()).ToArray();
        var next = 0;
        foreach (var argument in arguments)
        {
            if (argument.NameEquals is not null || result.Length == 0)
            {
                continue;
            }

            int index;
            if (argument.NameColon is not null)
            {
                index = IndexOf(constructor, argument.NameColon.Name.Identifier.ValueText);
            }
            else
            {
                index = Math.Min(next, result.Length - 1);
                next++;
            }

            if (index >= 0)
            {
                result[index].Add(argument);
            }
        }

        return result;
    }

    private static int IndexOf(IMethodSymbol constructor, string name)
    {
        for (var i = 0; i < constructor.Parameters.Length; i++)
        {
            if (constructor.Parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static DeclaredArgument Single(TypedConstant value, ExpressionSyntax expression)
    {
        var elements = ArrayElements(expression).Select(element => DiagnosticLocation.FromRoslyn(element.GetLocation())).ToArray();
        return new DeclaredArgument(value, DiagnosticLocation.FromRoslyn(expression.GetLocation()), elements);
    }

    private static bool IsArrayExpression(ExpressionSyntax expression) =>
        expression is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax
        || expression.IsKind(SyntaxKind.NullLiteralExpression);

    private static IEnumerable<SyntaxNode> ArrayElements(ExpressionSyntax expression) => expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ImplicitArrayCreationExpressionSyntax creation => creation.Initializer.Expressions,
        CollectionExpressionSyntax collection => collection.Elements,
        _ => Array.Empty<SyntaxNode>(),
    };

    private static DiagnosticLocation Span(SyntaxNode first, SyntaxNode last) =>
        DiagnosticLocation.FromRoslyn(Microsoft.CodeAnalysis.Location.Create(first.SyntaxTree, TextSpan.FromBounds(first.SpanStart, last.Span.End)));
}
