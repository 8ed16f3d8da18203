using FairMtl.Generators.Model;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// Where a synthesized YAML line came from: <paramref name="Key"/> for a position before
/// <paramref name="ValueColumn"/> (the key, or the mapping that starts with it), <paramref name="Value"/> from there on.
/// </summary>
/// <param name="ValueColumn">1-based column where the line's value starts.</param>
internal sealed record LineOrigin(int ValueColumn, DiagnosticLocation Key, DiagnosticLocation Value);
