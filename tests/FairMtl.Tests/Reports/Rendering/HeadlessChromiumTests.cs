using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FairMtl.Tests.Reports.Rendering;

/// <summary>
/// Tests of the rendering harness itself (<see cref="HeadlessChromium"/>, <see cref="PngImage"/>) on a hand-written
/// page with two inline SVG charts. Four chromium calls, under a second each.
/// </summary>
public sealed class HeadlessChromiumTests : IDisposable
{
    private const string TwoChartsPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Two charts</title>
        <style>body { margin: 16px; font-family: sans-serif; } figure { margin: 0 0 12px 0; }</style></head>
        <body>
        <h1>Harness page</h1>
        <figure>
          <svg id="bars" xmlns="http://www.w3.org/2000/svg" width="600" height="300" viewBox="0 0 600 300">
            <title>Bars</title>
            <rect x="0" y="0" width="600" height="300" fill="#f4f4f8"/>
            <rect x="40" y="120" width="80" height="160" fill="#1f77b4"/>
            <rect x="160" y="60" width="80" height="220" fill="#ff7f0e"/>
            <rect x="280" y="180" width="80" height="100" fill="#2ca02c"/>
            <line x1="20" y1="280" x2="580" y2="280" stroke="#333333" stroke-width="2"/>
            <text x="300" y="30" text-anchor="middle" font-size="18">Δ RMSE by alpha</text>
          </svg>
        </figure>
        <figure>
          <svg aria-label="Front" xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
            <polyline points="20,180 120,90 220,60 380,20" fill="none" stroke="#d62728" stroke-width="3"/>
            <circle cx="120" cy="90" r="8" fill="#9467bd"/>
            <circle cx="220" cy="60" r="8" fill="#9467bd"/>
          </svg>
        </figure>
        </body>
        </html>
        """;

    private const string BlankPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body></body></html>
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fairmtl-rendering-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void A_screenshot_of_two_svg_charts_is_a_png_of_the_window_size_with_content()
    {
        var image = ScreenshotAt1200By800("charts", TwoChartsPage);

        image.BlankReason().ShouldBeNull();
        image.DistinctColors(50).Count.ShouldBeGreaterThan(8);
        // The first bar (#1f77b4, x 40-120, y 120-280 in the chart) is drawn where the layout puts it: the chart
        // starts at the body margin (16) horizontally and below the heading, 0-160 px down the page, vertically.
        image.GetPixel(16 + 80, 280).ShouldBe(Rgba.Parse("#1f77b4"));
        image.GetPixel(1150, 750).ShouldBe(Rgba.White);
    }

    [Fact]
    public void The_content_check_rejects_a_screenshot_of_a_blank_page()
    {
        var image = ScreenshotAt1200By800("blank", BlankPage);

        image.CountPixelsDifferentFrom(Rgba.White).ShouldBe(0);
        image.BlankReason().ShouldNotBeNull().ShouldContain("looks blank");
    }

    [Fact]
    public void MeasureElements_returns_the_laid_out_size_and_name_of_each_svg()
    {
        var page = Write("charts.html", TwoChartsPage);

        var boxes = HeadlessChromium.MeasureElements(page, "svg", 1200);

        boxes.Count.ShouldBe(2);
        boxes[0].Tag.ShouldBe("svg");
        boxes[0].Id.ShouldBe("bars");
        boxes[0].Heading.ShouldBe("Bars");
        boxes[0].Width.ShouldBe(600, tolerance: 1);
        boxes[0].Height.ShouldBe(300, tolerance: 1);
        boxes[0].Left.ShouldBe(16, tolerance: 1);
        boxes[1].Label.ShouldBe("Front");
        boxes[1].Width.ShouldBe(400, tolerance: 1);
        boxes[1].Height.ShouldBe(200, tolerance: 1);
        boxes[1].Top.ShouldBeGreaterThan(boxes[0].Top + 300);
        File.ReadAllText(page).ShouldBe(TwoChartsPage); // the page itself is not touched
    }

    [Fact]
    public void PrintToPdf_writes_a_pdf()
    {
        var page = Write("charts.html", TwoChartsPage);
        var pdf = Path.Combine(_folder.FullName, "out", "charts.pdf");

        HeadlessChromium.PrintToPdf(page, pdf);

        var bytes = File.ReadAllBytes(pdf);
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        bytes.Length.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void A_missing_page_is_reported_before_chromium_starts()
    {
        var missing = Path.Combine(_folder.FullName, "missing.html");

        Should.Throw<FileNotFoundException>(() => HeadlessChromium.DumpDom(missing)).Message.ShouldContain("missing.html");
    }

    [Fact]
    public void Measurements_are_read_back_from_an_html_escaped_pre_element()
    {
        const string dom = """
            <html><head></head><body><svg id="a&amp;b"></svg><pre id="fairmtl-measure">{"boxes":[{"index":0,"tag":"svg","id":"a&amp;b","ariaLabel":null,"heading":"&lt;Δ&gt; \"x\"","left":8,"top":8.5,"width":600,"height":300}]}</pre></body></html>
            """;

        var boxes = HeadlessChromium.ParseMeasurements(dom, "svg");

        boxes.ShouldHaveSingleItem().ShouldBe(new ElementBox(0, "svg", "a&b", null, "<Δ> \"x\"", 8, 8.5, 600, 300));
        Should.Throw<InvalidOperationException>(() => HeadlessChromium.ParseMeasurements("<html></html>", "svg"))
            .Message.ShouldContain("no measurement element");
    }

    [Fact]
    public void The_png_decoder_undoes_all_five_filter_types_for_rgb_and_rgba()
    {
        foreach (var channels in new[] { 3, 4 })
        {
            const int width = 7, height = 10; // two rows of each filter type
            var pixels = new byte[width * height * channels];
            var random = new Random(12345);
            random.NextBytes(pixels);

            var image = PngImage.Decode(EncodePng(width, height, channels, pixels, row => (byte)(row % 5)));

            image.Width.ShouldBe(width);
            image.Height.ShouldBe(height);
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                {
                    var i = ((y * width) + x) * channels;
                    var alpha = channels == 4 ? pixels[i + 3] : (byte)255;
                    image.GetPixel(x, y).ShouldBe(new Rgba(pixels[i], pixels[i + 1], pixels[i + 2], alpha), $"pixel ({x}, {y})");
                }
        }
    }

    [Fact]
    public void The_png_decoder_rejects_what_it_does_not_handle_with_a_clear_message()
    {
        var rgb = new byte[2 * 2 * 3];
        Should.Throw<InvalidDataException>(() => PngImage.Decode(Encoding.ASCII.GetBytes("GIF89a not a png")))
            .Message.ShouldContain("signature");
        Should.Throw<NotSupportedException>(() => PngImage.Decode(EncodePng(2, 2, 3, rgb, _ => 0, bitDepth: 16)))
            .Message.ShouldContain("bit depth 16");
        Should.Throw<NotSupportedException>(() => PngImage.Decode(EncodePng(2, 2, 3, rgb, _ => 0, interlace: 1)))
            .Message.ShouldContain("interlaced");
        Should.Throw<NotSupportedException>(() => PngImage.Decode(EncodePng(2, 2, 3, rgb, _ => 0, colorType: 0)))
            .Message.ShouldContain("colour type 0");
    }

    [Fact]
    public void Blank_reason_and_colour_helpers_work_on_a_decoded_image()
    {
        // 4 x 1: white, white, red, half-transparent blue.
        var rgba = new byte[] { 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 255, 0, 0, 255, 128 };
        var image = PngImage.Decode(EncodePng(4, 1, 4, rgba, _ => 1));

        image.CountPixelsDifferentFrom(Rgba.White).ShouldBe(2);
        image.DistinctColors(10).ShouldBe(new[] { Rgba.White, Rgba.Parse("#ff0000"), Rgba.Parse("#0000ff80") });
        image.DistinctColors(2).Count.ShouldBe(2);
        image.BlankReason(minNonWhitePixels: 2, minDistinctColors: 3).ShouldBeNull();
        image.BlankReason(minNonWhitePixels: 3, minDistinctColors: 3).ShouldNotBeNull().ShouldContain("2 non-white pixels");
        Rgba.Parse("#0000ff80").Packed.ShouldBe(0x0000ff80u);
        Rgba.Parse("#0000ff80").ToString().ShouldBe("#0000ff80");
    }

    /// <summary>A 1200 x 800 screenshot of <paramref name="html"/>, its size checked.</summary>
    private PngImage ScreenshotAt1200By800(string name, string html)
    {
        var png = Path.Combine(_folder.FullName, name + ".png");
        HeadlessChromium.Screenshot(Write(name + ".html", html), png, 1200, 800);
        var image = PngImage.Load(png);
        image.Width.ShouldBe(1200);
        image.Height.ShouldBe(800);
        return image;
    }

    private string Write(string name, string html)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, html, new UTF8Encoding(false));
        return path;
    }

    /// <summary>A minimal PNG encoder for the decoder tests: filters each row with the given type (CRCs are zeros,
    /// which the decoder does not check).</summary>
    private static byte[] EncodePng(
        int width, int height, int channels, byte[] pixels, Func<int, byte> filterOfRow,
        byte bitDepth = 8, byte colorType = 255, byte interlace = 0)
    {
        colorType = colorType == 255 ? (byte)(channels == 4 ? 6 : 2) : colorType;
        var stride = width * channels;
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            var filter = filterOfRow(y);
            raw.WriteByte(filter);
            for (var i = 0; i < stride; i++)
            {
                int x = pixels[(y * stride) + i];
                int a = i >= channels ? pixels[(y * stride) + i - channels] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                int c = y > 0 && i >= channels ? pixels[((y - 1) * stride) + i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    _ => PaethPredictor(a, b, c),
                };
                raw.WriteByte((byte)(x - predictor));
            }
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            raw.WriteTo(zlib);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colorType;
        header[12] = interlace;

        var png = new MemoryStream();
        png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        WriteChunk(png, "IHDR", header);
        var data = compressed.ToArray();
        var half = data.Length / 2; // two IDAT chunks, to test that they are concatenated
        WriteChunk(png, "IDAT", data[..half]);
        WriteChunk(png, "IDAT", data[half..]);
        WriteChunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        png.Write(Encoding.ASCII.GetBytes(type));
        png.Write(data);
        png.Write(new byte[4]);
    }

    private static int PaethPredictor(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
