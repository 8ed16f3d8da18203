using FairMtl.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Attributes;

/// <summary>The declaration attributes on an experiment class, in declaration order.</summary>
internal sealed class DeclaredAttributes
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        AttributeNames.Experiment, AttributeNames.Dataset, AttributeNames.Split, AttributeNames.Groups, AttributeNames.Trunk,
        AttributeNames.Head, AttributeNames.Sweep, AttributeNames.Seeds, AttributeNames.ConditionalSweep, AttributeNames.Baseline, AttributeNames.Optimizer,
        AttributeNames.Training, AttributeNames.EarlyStopping, AttributeNames.Evaluation, AttributeNames.Task, AttributeNames.Sensitive,
        AttributeNames.Method, AttributeNames.Constraint, AttributeNames.ConstraintSweep, AttributeNames.Front, AttributeNames.ConditionalFront,
        AttributeNames.MultiTaskSweep, AttributeNames.Protocol,
    };

    private readonly List<DeclaredAttribute> _attributes;

    private DeclaredAttributes(List<DeclaredAttribute> attributes) => _attributes = attributes;

    /// <summary>Whether the compiler reports an error in one of them (then the generator adds nothing of its own).</summary>
    public bool HaveErrors => _attributes.Any(attribute => attribute.HasErrors);

    public static DeclaredAttributes Read(INamedTypeSymbol type, DiagnosticLocation fallback, CancellationToken cancellationToken)
    {
        var attributes = new List<DeclaredAttribute>();
        foreach (var data in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (data.AttributeClass is { } attributeClass)
            {
                var name = attributeClass.ContainingNamespace?.ToDisplayString() + "." + attributeClass.MetadataName;
                if (Known.Contains(name))
                {
                    attributes.Add(DeclaredAttribute.Read(data, name, fallback, cancellationToken));
                }
            }
        }

        return new DeclaredAttributes(attributes);
    }

    /// <summary>The attribute (they are single-use, apart from [Head] and [Sweep]), or null.</summary>
    public DeclaredAttribute? Find(string metadataName) => _attributes.FirstOrDefault(attribute => attribute.MetadataName == metadataName);

    public IReadOnlyList<DeclaredAttribute> All(string metadataName) =>
        _attributes.Where(attribute => attribute.MetadataName == metadataName).ToArray();
}
