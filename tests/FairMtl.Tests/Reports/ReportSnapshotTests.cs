using FairMtl.Reports;
using FairMtl.Testing;

namespace FairMtl.Tests.Reports;

/// <summary>The report page and every figure of three stored result sets, compared byte for byte with approved
/// snapshots: a change that moves a figure or the page is caught and shown.</summary>
public class ReportSnapshotTests
{
    [Theory]
    [InlineData("sweep", 3)]
    [InlineData("comparison", 1)]
    [InlineData("multi-task", 1)]
    public void The_report_and_its_figures_match_the_approved_snapshots(string fixture, int figures)
    {
        using var folder = ReportFixtures.Copy(fixture);

        var written = ReportWriter.Write(folder.Path);

        written.Count(path => path.EndsWith(".svg", StringComparison.Ordinal)).ShouldBe(figures);
        foreach (var path in written)
        {
            var name = Path.GetRelativePath(folder.Path, path).Replace('\\', '/').Replace('/', '-');
            ApprovedFiles.Match(File.ReadAllText(path), ReportFixtures.ApprovedFolder, fixture + "." + name);
        }
    }

    [Fact]
    public void Writing_the_report_twice_gives_the_same_bytes_and_leaves_the_stored_tables_alone()
    {
        using var folder = ReportFixtures.Copy("sweep");
        var tables = Directory.GetFiles(folder.Path).ToDictionary(path => path, File.ReadAllBytes);

        var first = ReportWriter.Write(folder.Path).ToDictionary(path => path, File.ReadAllBytes);
        var second = ReportWriter.Write(folder.Path).ToDictionary(path => path, File.ReadAllBytes);

        second.Keys.ShouldBe(first.Keys);
        foreach (var (path, bytes) in first)
        {
            second[path].ShouldBe(bytes, path);
        }

        foreach (var (path, bytes) in tables)
        {
            File.ReadAllBytes(path).ShouldBe(bytes, path);
        }
    }
}
