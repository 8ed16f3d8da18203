namespace FairMtl.Generators.Emit;

/// <summary>
/// An experiment as the registry lists it: a generated one by its name and class, or a comparison (no generated class)
/// by its name, declaring file and YAML text.
/// </summary>
/// <param name="IsComparison">In the torch registration: the entry is a comparison's generated code (else a sweep's module).</param>
internal sealed record RegistryEntry(string Name, string TypeName, string SourceFile = "", string? ComparisonYaml = null, bool IsComparison = false);
