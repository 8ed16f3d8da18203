using FairMtl.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Diagnostics;

/// <summary>Turns equatable <see cref="DiagnosticInfo"/>s into compiler diagnostics.</summary>
internal static class DiagnosticReporter
{
    public static void Report(SourceProductionContext context, DiagnosticInfo info)
    {
        var descriptor = DiagnosticDescriptors.Find(info.Id);
        var message = descriptor is null ? $"unknown diagnostic id {info.Id}: {info.Message}" : info.Message;
        context.ReportDiagnostic(Diagnostic.Create(descriptor ?? DiagnosticDescriptors.InternalError, info.Location.ToLocation(), message));
    }

    /// <summary>The FMTL099 record of an unexpected exception.</summary>
    public static DiagnosticInfo InternalError(Exception exception, string activity, DiagnosticLocation location) =>
        new(
            GeneratorDiagnosticCodes.InternalError,
            $"internal error in the FairMtl generator while {activity}: {exception.GetType().Name}: {exception.Message}",
            location);
}
