using FairMtl.Reports;

namespace FairMtl.Host.Output;

/// <summary>
/// Prints result tables: drawn with Spectre.Console in an interactive terminal (<see cref="SpectreTableWriter"/>),
/// Markdown pipe tables when the output is redirected or captured (<see cref="MarkdownTableWriter"/>).
/// </summary>
public interface ITableWriter
{
    /// <summary>Prints the terminal columns of <paramref name="table"/>, its title above it, a blank line after it.</summary>
    Task WriteAsync(Table table);
}
