using FairMtl.Diagnostics;
using FairMtl.Reports;

namespace FairMtl.Host.Running;

/// <summary>The <c>report</c> command: rebuilds report.html and figures/*.svg of a results folder from its stored files,
/// without training.</summary>
public static class ReportCommandHandler
{
    /// <summary>Rebuilds the report and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Execute(string directory, TextWriter output, TextWriter error)
    {
        try
        {
            var written = ReportWriter.Write(directory);
            output.WriteLine($"Wrote {string.Join(", ", written.Select(path => Path.GetRelativePath(directory, path).Replace('\\', '/')))} to {directory}");
            return ExitCodes.Success;
        }
        catch (FairMtlException exception)
        {
            error.WriteLine(exception.Message);
            return ExitCodes.UserError;
        }
    }
}
