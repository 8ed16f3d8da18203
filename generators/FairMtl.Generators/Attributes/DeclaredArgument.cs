using FairMtl.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// One argument of an attribute application: its constant value and where it is written (for arrays, where each
/// element is written, when the elements are written one by one).
/// </summary>
internal sealed class DeclaredArgument
{
    public DeclaredArgument(TypedConstant value, DiagnosticLocation location, IReadOnlyList<DiagnosticLocation> elements)
    {
        Value = value;
        Location = location;
        Elements = elements;
    }

    public TypedConstant Value { get; }

    public DiagnosticLocation Location { get; }

    public IReadOnlyList<DiagnosticLocation> Elements { get; }

    /// <summary>The array's items (empty for a null array).</summary>
    public IReadOnlyList<TypedConstant> Items => Value.Kind == TypedConstantKind.Array && !Value.IsNull
        ? Value.Values
        : Array.Empty<TypedConstant>();

    /// <summary>Where item <paramref name="index"/> is written, or the whole argument.</summary>
    public DiagnosticLocation ElementLocation(int index) => index < Elements.Count ? Elements[index] : Location;
}
