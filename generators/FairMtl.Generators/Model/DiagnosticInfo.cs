namespace FairMtl.Generators.Model;

/// <summary>An equatable diagnostic to report: a stable id (<c>FMTL0xx</c>), its message and where.</summary>
internal sealed record DiagnosticInfo(string Id, string Message, DiagnosticLocation Location);
