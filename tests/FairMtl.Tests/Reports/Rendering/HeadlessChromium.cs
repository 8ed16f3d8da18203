using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace FairMtl.Tests.Reports.Rendering;

/// <summary>
/// Runs Debian's <c>chromium</c> headless on an HTML file: a PNG screenshot, the DOM after load (scripts run), a PDF
/// print, or the laid-out sizes of the elements a CSS selector matches. Every call starts a fresh browser with its own
/// temporary profile (deleted afterwards) and a 60 s time limit; it takes about 0.7 s.
/// </summary>
/// <remarks>
/// When chromium is missing every call throws (tests fail, they are never skipped): run
/// <c>bash scripts/install-test-dependencies.sh</c>, which <c>.ci/run</c> calls too. Chromium's stderr always has some
/// harmless dbus noise; it is only shown in the exception when a call fails.
/// </remarks>
internal static class HeadlessChromium
{
    /// <summary>How long one chromium call may take before its process tree is killed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The id of the <c>pre</c> element <see cref="MeasureElements"/> writes its JSON into.</summary>
    public const string MeasureElementId = "fairmtl-measure";

    private static readonly string[] ExecutableNames = { "chromium", "chromium-browser" };

    private static readonly string[] CommonFlags =
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    };

    private static readonly Lazy<string?> Located = new(Locate);

    private static readonly JsonSerializerOptions MeasureJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The chromium executable found on PATH (<c>chromium</c>, then <c>chromium-browser</c>).</summary>
    /// <exception cref="InvalidOperationException">Neither is on PATH; the message says how to install it.</exception>
    public static string ExecutablePath => Located.Value ?? throw new InvalidOperationException(
        "Headless Chromium is needed by the report rendering tests but neither 'chromium' nor 'chromium-browser' is on PATH. "
        + "Install it with: bash scripts/install-test-dependencies.sh (from the repository root; uses apt-get).");

    /// <summary>Renders <paramref name="htmlPath"/> in a <paramref name="width"/> x <paramref name="height"/> window and
    /// writes the PNG (exactly that size) to <paramref name="pngPath"/> (overwritten).</summary>
    public static void Screenshot(string htmlPath, string pngPath, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var output = Path.GetFullPath(pngPath);
        Run(htmlPath, output, "--screenshot=" + output, WindowSize(width, height));
    }

    /// <summary>The serialized DOM of <paramref name="htmlPath"/> after load: its scripts have run (a virtual time
    /// budget of 2 s lets load handlers and timers finish). The window is <paramref name="width"/> x 1000.</summary>
    public static string DumpDom(string htmlPath, int width = 1200) =>
        Run(htmlPath, null, "--dump-dom", "--virtual-time-budget=2000", WindowSize(width, 1000));

    /// <summary>Prints <paramref name="htmlPath"/> to the PDF file <paramref name="pdfPath"/> (overwritten), with
    /// chromium's default page setup.</summary>
    public static void PrintToPdf(string htmlPath, string pdfPath)
    {
        var output = Path.GetFullPath(pdfPath);
        Run(htmlPath, output, "--print-to-pdf=" + output, "--no-pdf-header-footer");
    }

    /// <summary>
    /// Lays <paramref name="htmlPath"/> out at a viewport width of <paramref name="width"/> CSS pixels and returns the
    /// bounding client rectangle of every element <paramref name="selector"/> matches, in document order.
    /// </summary>
    /// <remarks>
    /// Works on a copy of the page, written to a temporary folder with a load script injected before the last
    /// <c>&lt;/body&gt;</c>, so relative references (stylesheets, images next to the page) do not resolve: meant for
    /// self-contained pages such as the report with inline SVG.
    /// </remarks>
    public static IReadOnlyList<ElementBox> MeasureElements(string htmlPath, string selector, int width)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(selector);
        var source = Path.GetFullPath(htmlPath);
        if (!File.Exists(source))
            throw new FileNotFoundException($"no HTML page to measure at '{source}'", source);

        var html = File.ReadAllText(source);
        var script = MeasureScript(selector);
        var bodyEnd = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var instrumented = bodyEnd >= 0 ? html.Insert(bodyEnd, script) : html + script;

        var folder = Directory.CreateTempSubdirectory("fairmtl-measure-");
        try
        {
            var copy = Path.Combine(folder.FullName, Path.GetFileName(source));
            File.WriteAllText(copy, instrumented, new UTF8Encoding(false));
            var dom = DumpDom(copy, width);
            return ParseMeasurements(dom, selector);
        }
        finally
        {
            DeleteQuietly(folder.FullName);
        }
    }

    /// <summary>Parses the JSON that <see cref="MeasureElements"/>' injected script wrote into the dumped DOM.</summary>
    internal static IReadOnlyList<ElementBox> ParseMeasurements(string dom, string selector)
    {
        const string open = "<pre id=\"" + MeasureElementId + "\">";
        var start = dom.IndexOf(open, StringComparison.Ordinal);
        var end = start < 0 ? -1 : dom.IndexOf("</pre>", start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
            throw new InvalidOperationException(
                $"the dumped DOM has no measurement element ({open}): the page's load event did not fire within "
                + $"chromium's virtual time budget, or a script replaced the body. DOM starts: {Excerpt(dom)}");

        var json = WebUtility.HtmlDecode(dom[(start + open.Length)..end]);
        var measured = JsonSerializer.Deserialize<MeasuredPage>(json, MeasureJson)
            ?? throw new InvalidOperationException($"the measurement element holds no JSON: {Excerpt(json)}");
        if (measured.Error is { } error)
            throw new InvalidOperationException($"measuring '{selector}' failed in the page: {error}");
        return measured.Boxes ?? (IReadOnlyList<ElementBox>)Array.Empty<ElementBox>();
    }

    private static string MeasureScript(string selector)
    {
        // The selector goes in as a JSON string literal; the default encoder escapes '<' and '>', so it cannot close
        // the script element. The pre is created by the script, so its opening tag appears once in the dumped DOM.
        var literal = JsonSerializer.Serialize(selector);
        return """

            <script>
            window.addEventListener('load', function () {
              var result;
              try {
                var text = function (s) { s = (s || '').replace(/\s+/g, ' ').trim(); return s.length ? s : null; };
                var boxes = Array.prototype.map.call(document.querySelectorAll(SELECTOR), function (e, i) {
                  var r = e.getBoundingClientRect();
                  var heading = e.querySelector('h1, h2, h3, h4, h5, h6, figcaption, caption, title');
                  return {
                    index: i, tag: e.tagName.toLowerCase(), id: e.id || null,
                    ariaLabel: e.getAttribute('aria-label'), heading: heading ? text(heading.textContent) : null,
                    left: r.left + window.scrollX, top: r.top + window.scrollY, width: r.width, height: r.height
                  };
                });
                result = { boxes: boxes };
              } catch (err) {
                result = { error: String(err) };
              }
              var pre = document.createElement('pre');
              pre.id = 'MEASURE_ID';
              pre.textContent = JSON.stringify(result);
              document.body.appendChild(pre);
            });
            </script>

            """.Replace("SELECTOR", literal, StringComparison.Ordinal)
               .Replace("MEASURE_ID", MeasureElementId, StringComparison.Ordinal);
    }

    private static string WindowSize(int width, int height) =>
        string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}");

    /// <summary>Runs one chromium on <paramref name="htmlPath"/> and returns its stdout; when
    /// <paramref name="outputFile"/> is given it is deleted first and must exist afterwards.</summary>
    private static string Run(string htmlPath, string? outputFile, params string[] flags)
    {
        var page = Path.GetFullPath(htmlPath);
        if (!File.Exists(page))
            throw new FileNotFoundException($"no HTML page to render at '{page}'", page);
        var executable = ExecutablePath;
        if (outputFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(outputFile)!);
            File.Delete(outputFile);
        }

        var profile = Directory.CreateTempSubdirectory("fairmtl-chromium-");
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var flag in CommonFlags)
                start.ArgumentList.Add(flag);
            start.ArgumentList.Add("--user-data-dir=" + profile.FullName);
            foreach (var flag in flags)
                start.ArgumentList.Add(flag);
            start.ArgumentList.Add(new Uri(page).AbsoluteUri);

            var command = executable + " " + string.Join(' ', start.ArgumentList);
            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"could not start {command}");
            process.StandardInput.Close();
            // Both pipes are drained concurrently, so a chatty stderr cannot block chromium writing stdout.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();

            if (!process.WaitForExit(Timeout))
            {
                try { process.Kill(entireProcessTree: true); }
                catch (InvalidOperationException) { } // exited in between
                process.WaitForExit(TimeSpan.FromSeconds(10));
                throw new TimeoutException(
                    $"chromium did not finish within {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s "
                    + $"and was killed: {command}\nstderr:\n{Drained(stderr)}");
            }
            process.WaitForExit(); // lets the redirected streams reach end of file

            // A helper process that outlives the browser could keep a pipe open: never wait forever for it.
            if (!Task.WaitAll(new Task[] { stdout, stderr }, TimeSpan.FromSeconds(10)))
                throw new TimeoutException($"chromium exited but its output pipes stayed open: {command}");

            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"chromium exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {command}\n"
                    + $"stderr:\n{stderr.Result}");
            if (outputFile is not null && !File.Exists(outputFile))
                throw new InvalidOperationException(
                    $"chromium exited with code 0 but did not write '{outputFile}': {command}\n"
                    + $"stdout:\n{stdout.Result}\nstderr:\n{stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            DeleteQuietly(profile.FullName);
        }
    }

    private static string Drained(Task<string> stream) =>
        stream.Wait(TimeSpan.FromSeconds(5)) ? stream.Result : "(stderr still open)";

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "...";

    /// <summary>Best-effort removal of a temporary folder: a browser helper still closing its files may make the first
    /// attempt fail; a leftover folder in the temp directory is not worth failing a test over.</summary>
    private static void DeleteQuietly(string folder)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) { Thread.Sleep(100); }
            catch (UnauthorizedAccessException) { Thread.Sleep(100); }
        }
    }

    private static string? Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in ExecutableNames)
            foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        return null;
    }

    private sealed record MeasuredPage(IReadOnlyList<ElementBox>? Boxes, string? Error);
}

/// <summary>
/// One element measured by <see cref="HeadlessChromium.MeasureElements"/>: its bounding client rectangle in CSS pixels
/// (<see cref="Left"/> and <see cref="Top"/> relative to the document) and what names it.
/// </summary>
/// <param name="Index">Position among the selector's matches, in document order.</param>
/// <param name="Tag">Lower-case tag name, e.g. <c>svg</c>.</param>
/// <param name="Id">The <c>id</c> attribute, if any.</param>
/// <param name="AriaLabel">The <c>aria-label</c> attribute, if any.</param>
/// <param name="Heading">Whitespace-collapsed text of the first <c>h1</c>-<c>h6</c>, <c>figcaption</c>,
/// <c>caption</c> or (SVG) <c>title</c> inside the element, if any.</param>
/// <param name="Left">Left edge, CSS pixels from the document's left edge.</param>
/// <param name="Top">Top edge, CSS pixels from the document's top edge.</param>
/// <param name="Width">Laid-out width in CSS pixels (fractional when the layout is).</param>
/// <param name="Height">Laid-out height in CSS pixels.</param>
internal sealed record ElementBox(
    int Index, string Tag, string? Id, string? AriaLabel, string? Heading,
    double Left, double Top, double Width, double Height)
{
    /// <summary>The best name for messages: id, else aria-label, else heading, else tag and index.</summary>
    public string Label => Id ?? AriaLabel ?? Heading ?? string.Create(CultureInfo.InvariantCulture, $"{Tag}[{Index}]");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Label}: {Width:0.##} x {Height:0.##} at ({Left:0.##}, {Top:0.##})");
}
