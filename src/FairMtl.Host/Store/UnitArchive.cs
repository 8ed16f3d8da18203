using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using FairMtl.Store;

namespace FairMtl.Host.Store;

/// <summary>
/// A file of finished units (<c>runs export</c>, <c>runs import</c>): JSON lines, the first a header naming the format,
/// the experiment and the unit count, then one unit per line (identity, key, models, seconds, worker and the result's
/// text as the store keeps it); gzip-compressed when the name ends in <c>.gz</c>. Written to a temporary file and
/// renamed, so a killed export leaves no half-written file; read line by line with a limit on a line's length, so a
/// hostile file costs bounded memory, and every mistake names the file and the line.
/// </summary>
public static class UnitArchive
{
    /// <summary>The header's <c>format</c>.</summary>
    public const string Format = "fairmtl-units";

    /// <summary>The format version this build writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The longest line read (a unit's result is a few kilobytes; a comparison unit's, tens).</summary>
    public const int MaxLineChars = 16 * 1024 * 1024;

    /// <summary>The most text a file may hold, decompressed (a unit is about a kilobyte: a million units fit).</summary>
    public const long MaxTotalChars = 1L << 30;

    /// <summary>Writes <paramref name="units"/> of <paramref name="experiment"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, string experiment, IReadOnlyList<FinishedUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var compressed = IsCompressed(path) ? new GZipStream(file, CompressionLevel.SmallestSize, leaveOpen: true) : null)
            {
                var stream = (Stream?)compressed ?? file;
                WriteLine(stream, writer =>
                {
                    writer.WriteString("format", Format);
                    writer.WriteNumber("version", Version);
                    writer.WriteString("experiment", experiment);
                    writer.WriteNumber("units", units.Count);
                });
                foreach (var unit in units)
                {
                    WriteLine(stream, writer =>
                    {
                        writer.WriteString("identity", unit.Identity);
                        writer.WriteString("key", unit.Key);
                        writer.WriteNumber("models", unit.Models);
                        writer.WriteNumber("seconds", unit.Seconds);
                        writer.WriteString("worker", unit.Worker);
                        writer.WriteString("payload", unit.Payload);
                    });
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads an archive written by <see cref="Write"/>: the experiment it names and its units.</summary>
    /// <exception cref="UnitArchiveException">Not such a file, or a line that is not what the format says (the message
    /// names the file and line).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static (string Experiment, IReadOnlyList<FinishedUnit> Units) Read(string path) => Read(path, MaxTotalChars);

    /// <summary><see cref="Read(string)"/> with another limit on the file's text (tests).</summary>
    internal static (string Experiment, IReadOnlyList<FinishedUnit> Units) Read(string path, long maxTotalChars)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var compressed = IsCompressed(path) ? new GZipStream(file, CompressionMode.Decompress) : null;
        using var reader = new StreamReader((Stream?)compressed ?? file, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var line = 0;
        string? experiment = null;
        var expected = 0;
        var units = new List<FinishedUnit>();
        var budget = maxTotalChars;
        try
        {
            while (ReadLine(reader, path, line + 1, ref budget) is { } text)
            {
                line++;
                if (line > 1 && units.Count == expected)
                {
                    throw Mistake(path, line, string.Create(CultureInfo.InvariantCulture, $"more units than the {expected} the header announces"));
                }

                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Mistake(path, line, "expected a JSON object");
                }

                if (line == 1)
                {
                    if (Text(root, "format", path, line) != Format)
                    {
                        throw Mistake(path, line, $"expected the header of a '{Format}' file (written by `runs export`)");
                    }

                    var version = Number(root, "version", path, line);
                    if (version != Version)
                    {
                        throw Mistake(path, line, string.Create(CultureInfo.InvariantCulture, $"format version {version}; this build reads version {Version}"));
                    }

                    experiment = Text(root, "experiment", path, line);
                    expected = Number(root, "units", path, line);
                    continue;
                }

                var identity = Text(root, "identity", path, line);
                var key = Text(root, "key", path, line);
                var models = Number(root, "models", path, line);
                var seconds = root.TryGetProperty("seconds", out var secondsValue) && secondsValue.ValueKind == JsonValueKind.Number
                    ? secondsValue.GetDouble()
                    : throw Mistake(path, line, "expected 'seconds', a number");
                var worker = Text(root, "worker", path, line);
                units.Add(new FinishedUnit(identity, key, models, Text(root, "payload", path, line), seconds, worker));
            }
        }
        catch (JsonException exception)
        {
            throw Mistake(path, line, $"not valid JSON ({exception.Message})");
        }
        catch (Exception exception) when (exception is DecoderFallbackException or InvalidDataException)
        {
            throw Mistake(path, line + 1, $"not a UTF-8 text{(IsCompressed(path) ? " (or not gzip)" : string.Empty)}: {exception.Message}");
        }

        if (experiment is null)
        {
            throw Mistake(path, 1, $"the file is empty; expected the header of a '{Format}' file");
        }

        if (units.Count != expected)
        {
            throw Mistake(path, line, string.Create(CultureInfo.InvariantCulture, $"the header announces {expected} units but the file holds {units.Count} (cut short?)"));
        }

        return (experiment, units);
    }

    private static bool IsCompressed(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    private static void WriteLine(Stream stream, Action<Utf8JsonWriter> body)
    {
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>The next line, refused once longer than <see cref="MaxLineChars"/> or past the file's
    /// <paramref name="budget"/> of characters.</summary>
    private static string? ReadLine(StreamReader reader, string path, int line, ref long budget)
    {
        var builder = new StringBuilder();
        while (true)
        {
            var next = reader.Read();
            if (next < 0)
            {
                return builder.Length == 0 ? null : builder.ToString();
            }

            if (next == '\n')
            {
                return builder.ToString();
            }

            if (builder.Length >= MaxLineChars)
            {
                throw Mistake(path, line, string.Create(CultureInfo.InvariantCulture, $"a line longer than {MaxLineChars} characters; not a unit of a '{Format}' file"));
            }

            if (--budget < 0)
            {
                throw Mistake(path, line, string.Create(CultureInfo.InvariantCulture, $"more than the {MaxTotalChars} characters in all a '{Format}' file may hold"));
            }

            builder.Append((char)next);
        }
    }

    private static string Text(JsonElement root, string name, string path, int line) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Mistake(path, line, $"expected '{name}', a string");

    private static int Number(JsonElement root, string name, string path, int line) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw Mistake(path, line, $"expected '{name}', a whole number of at least 0");

    private static UnitArchiveException Mistake(string path, int line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {message}"));

}

/// <summary>A file that is not a readable <see cref="UnitArchive"/>; the message names the file and the line.</summary>
public sealed class UnitArchiveException(string message, Exception? inner = null) : Exception(message, inner);
