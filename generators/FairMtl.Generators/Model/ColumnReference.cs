namespace FairMtl.Generators.Model;

/// <summary>A data column the spec names, and where it names it (for the build-time header check).</summary>
internal sealed record ColumnReference(string Path, string Column, DiagnosticLocation Location);
