using FairMtl.Reports;

namespace FairMtl.Host.Output;

/// <summary>Writes each table as <see cref="TextTableFormat.Render"/>'s Markdown pipe table (highlighting not shown).</summary>
public sealed class MarkdownTableWriter(TextWriter output) : ITableWriter
{
    public Task WriteAsync(Table table) => output.WriteLineAsync(TextTableFormat.Render(table));
}
