using FairMtl.Diagnostics;
using FairMtl.Generators.Diagnostics;
using FairMtl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// Finds the class's <c>static double Loss(...)</c>, checks that its parameters are the sweep variables, then the
/// heads, in declaration order, and translates its expression (see <see cref="LossTranslator"/>).
/// </summary>
internal static class LossMethodReader
{
    public const string MethodName = "Loss";

    /// <param name="type">The experiment class.</param>
    /// <param name="expected">The sweep variable names, then the head names.</param>
    /// <param name="classLocation">The class's name, where a missing method is reported.</param>
    public static TranslatedLoss Read(
        INamedTypeSymbol type, IReadOnlyList<string> expected, DiagnosticLocation classLocation, CancellationToken cancellationToken)
    {
        var signature = Signature(expected);
        var methods = type.GetMembers(MethodName).OfType<IMethodSymbol>().ToArray();
        if (methods.Length == 0)
        {
            return TranslatedLoss.Failed(
                new DiagnosticInfo(
                    DiagnosticCodes.MissingKey,
                    $"missing the loss weighting: declare 'static double {MethodName}{signature} => ...;' (the sweep variables, then the heads)",
                    classLocation),
                classLocation);
        }

        var method = methods[0].PartialImplementationPart ?? methods[0];
        var syntax = method.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (syntax is null)
        {
            return TranslatedLoss.Failed(Unsupported($"'{MethodName}' must be a method declared in source", classLocation), classLocation);
        }

        var name = DiagnosticLocation.FromRoslyn(syntax.Identifier.GetLocation());
        var problems = new List<DiagnosticInfo>();
        if (methods.Length > 1)
        {
            problems.Add(Unsupported($"declare a single '{MethodName}' method, not overloads", Locate(methods[1], cancellationToken) ?? name));
        }

        if (!method.IsStatic || method.IsGenericMethod || method.ReturnType.SpecialType != SpecialType.System_Double)
        {
            problems.Add(Unsupported($"'{MethodName}' must be declared as 'static double {MethodName}{signature}'", name));
        }

        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.Type.SpecialType != SpecialType.System_Double || parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                problems.Add(Unsupported(
                    $"the parameters of '{MethodName}' must be plain 'double's: 'static double {MethodName}{signature}'",
                    DiagnosticLocation.FromRoslyn(syntax.ParameterList.Parameters[i].GetLocation())));
            }
        }

        var actual = method.Parameters.Select(parameter => parameter.Name).ToArray();
        // Two heads or variables of one name are reported where they are declared; no parameter list could match them.
        if (expected.Distinct(StringComparer.Ordinal).Count() == expected.Count && !actual.SequenceEqual(expected, StringComparer.Ordinal))
        {
            problems.Add(new DiagnosticInfo(
                DiagnosticCodes.LossExpression,
                $"the parameters of '{MethodName}' must be the sweep variables, then the heads, in declaration order: {signature}; got {Signature(actual)}",
                ParameterLocation(syntax.ParameterList, actual, expected)));
        }

        var expression = syntax.ExpressionBody?.Expression
            ?? (syntax.Body is { Statements.Count: 1 } body && body.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
        if (expression is null)
        {
            problems.Add(Unsupported(
                $"'{MethodName}' must have an expression body ('=> expression;') or a single 'return expression;'",
                DiagnosticLocation.FromRoslyn(((SyntaxNode?)syntax.Body ?? syntax).GetLocation())));
            return new TranslatedLoss(string.Empty, Array.Empty<LossSegment>(), problems, name, name);
        }

        var translated = LossTranslator.Translate(expression, actual, type, name);
        problems.AddRange(translated.Diagnostics);
        return new TranslatedLoss(translated.Text, translated.Segments, problems, name, translated.Expression);
    }

    /// <summary>"(double alpha, double y, double z)".</summary>
    public static string Signature(IEnumerable<string> names) => "(" + string.Join(", ", names.Select(name => "double " + name)) + ")";

    /// <summary>The first parameter out of place, or the whole list when the count differs.</summary>
    private static DiagnosticLocation ParameterLocation(ParameterListSyntax list, IReadOnlyList<string> actual, IReadOnlyList<string> expected)
    {
        if (actual.Count == expected.Count)
        {
            for (var i = 0; i < actual.Count; i++)
            {
                if (actual[i] != expected[i])
                {
                    return DiagnosticLocation.FromRoslyn(list.Parameters[i].GetLocation());
                }
            }
        }

        return DiagnosticLocation.FromRoslyn(list.GetLocation());
    }

    private static DiagnosticLocation? Locate(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .Select(syntax => DiagnosticLocation.FromRoslyn(syntax.Identifier.GetLocation()))
            .FirstOrDefault();

    private static DiagnosticInfo Unsupported(string message, DiagnosticLocation location) =>
        new(GeneratorDiagnosticCodes.UnsupportedConstruct, message, location);
}
