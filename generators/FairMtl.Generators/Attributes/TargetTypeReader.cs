using FairMtl.Generators.Diagnostics;
using FairMtl.Generators.Model;
using FairMtl.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// The user's class that receives the generated members, and the FMTL016 problems that would stop a second
/// <c>partial class</c> declaration from joining it (not partial, generic, a record, nested in a non-partial type).
/// </summary>
internal static class TargetTypeReader
{
    public static TargetType Read(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> problems, CancellationToken cancellationToken)
    {
        var name = DiagnosticLocation.FromRoslyn(declaration.Identifier.GetLocation());
        if (declaration is not ClassDeclarationSyntax || type.IsGenericType)
        {
            problems.Add(Unsupported("an [Experiment] must be a non-generic 'partial class'", name));
        }
        else if (!IsPartial(declaration))
        {
            problems.Add(Unsupported(
                $"an [Experiment] class must be partial ('partial class {type.Name}'): the generator adds Spec, Compiled, Run and the result types to it",
                name));
        }

        var containing = new List<string>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var outerDeclaration = outer.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .FirstOrDefault();
            if (outerDeclaration is null || outer.IsGenericType || !IsPartial(outerDeclaration))
            {
                problems.Add(Unsupported($"the types containing an [Experiment] class must be non-generic and partial; '{outer.Name}' is not", name));
                continue;
            }

            containing.Insert(0, Header(outerDeclaration));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containingNamespace ? containingNamespace.ToDisplayString() : null;
        return new TargetType(ns, type.Name, IsUserClass: true, type.IsStatic, new EquatableArray<string>(containing));
    }

    /// <summary>"public static partial class Outer" or "partial record struct Outer".</summary>
    private static string Header(TypeDeclarationSyntax declaration)
    {
        var parts = declaration.Modifiers.Select(modifier => modifier.Text).ToList();
        parts.Add(declaration.Keyword.Text);
        if (declaration is RecordDeclarationSyntax { ClassOrStructKeyword: { RawKind: not 0 } kind })
        {
            parts.Add(kind.Text);
        }

        parts.Add(declaration.Identifier.Text);
        return string.Join(" ", parts);
    }

    private static bool IsPartial(TypeDeclarationSyntax declaration) =>
        declaration.Modifiers.Any(modifier => modifier.IsKind(SyntaxKind.PartialKeyword));

    private static DiagnosticInfo Unsupported(string message, DiagnosticLocation location) =>
        new(GeneratorDiagnosticCodes.UnsupportedConstruct, message, location);
}
