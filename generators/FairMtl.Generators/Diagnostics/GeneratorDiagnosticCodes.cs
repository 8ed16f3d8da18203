namespace FairMtl.Generators.Diagnostics;

/// <summary>Diagnostic codes only the source generator reports (the shared ones are in <c>FairMtl.Diagnostics.DiagnosticCodes</c>).</summary>
internal static class GeneratorDiagnosticCodes
{
    /// <summary>Two experiments of the compilation have the same name or would generate the same type.</summary>
    public const string DuplicateName = "FMTL009";

    /// <summary>An attribute argument or a C# loss method uses something the experiment language cannot express.</summary>
    public const string UnsupportedConstruct = "FMTL016";

    /// <summary>An unexpected exception inside the generator (reported instead of the compiler's CS8785).</summary>
    public const string InternalError = "FMTL099";
}
