namespace FairMtl.Generators.Emit;

/// <summary>A generated experiment as the registry lists it: its name and its class.</summary>
internal sealed record RegistryEntry(string Name, string TypeName);
