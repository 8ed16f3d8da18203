using FairMtl.Reports;
using FairMtl.Reports.Html;

namespace FairMtl.Tests.Reports.Rendering;

/// <summary>
/// report.html as a person sees it: rendered by headless Chromium at 1200 px (the width the page is laid out for), and
/// printed. Needs Debian's chromium (<c>bash scripts/install-test-dependencies.sh</c>; CI installs it).
/// </summary>
public sealed class ReportRenderingTests
{
    [Theory]
    [InlineData("sweep", 3)]
    [InlineData("comparison", 1)]
    public void Every_figure_of_the_report_has_its_size_in_the_layout_at_1200_px(string fixture, int figures)
    {
        using var folder = ReportFixtures.Copy(fixture);
        ReportWriter.Write(folder.Path);
        var report = Path.Combine(folder.Path, ReportPage.FileName);

        var boxes = HeadlessChromium.MeasureElements(report, "figure svg", 1200);

        boxes.Count.ShouldBe(figures);
        foreach (var box in boxes)
        {
            box.Width.ShouldBe(760, 1, box.Label);
            box.Height.ShouldBe(460, 1, box.Label);
            (box.Left + box.Width).ShouldBeLessThanOrEqualTo(1200, box.Label);
        }

        var page = HeadlessChromium.MeasureElements(report, "body", 1200).Single();
        page.Width.ShouldBeLessThanOrEqualTo(1200);
    }

    [Fact]
    public void The_report_renders_to_a_non_blank_png_of_the_window_size()
    {
        using var folder = ReportFixtures.Copy("sweep");
        ReportWriter.Write(folder.Path);
        var png = Path.Combine(folder.Path, "report.png");

        HeadlessChromium.Screenshot(Path.Combine(folder.Path, ReportPage.FileName), png, 1200, 2400);

        var image = PngImage.Load(png);
        image.Width.ShouldBe(1200);
        image.Height.ShouldBe(2400);
        image.BlankReason().ShouldBeNull();
        image.DistinctColors(64).Count.ShouldBeGreaterThan(12);
        image.DistinctColors(4096).ShouldContain(Rgba.Parse("#0072b2"));
    }

    [Fact]
    public void The_report_prints_to_a_pdf()
    {
        using var folder = ReportFixtures.Copy("sweep");
        ReportWriter.Write(folder.Path);
        var pdf = Path.Combine(folder.Path, "report.pdf");

        HeadlessChromium.PrintToPdf(Path.Combine(folder.Path, ReportPage.FileName), pdf);

        var bytes = File.ReadAllBytes(pdf);
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        bytes.Length.ShouldBeGreaterThan(20_000);
    }
}
