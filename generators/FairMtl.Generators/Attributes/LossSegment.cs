using FairMtl.Generators.Model;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// A piece of the translated loss text and the C# syntax it came from. <paramref name="Name"/> is what an error
/// message would quote for it: a name, a literal, or a function name for a call.
/// </summary>
internal sealed record LossSegment(int Start, int Length, string? Name, DiagnosticLocation Location);
