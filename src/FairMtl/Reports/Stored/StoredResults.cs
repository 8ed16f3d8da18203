using System.Globalization;
using System.Text.Json;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Reports.Stored;

/// <summary>What kind of run wrote a result folder.</summary>
public enum ResultKind
{
    /// <summary>A sweep experiment: baseline.csv, sweep.csv, pareto.csv, seeds.csv.</summary>
    Experiment,

    /// <summary>A method comparison: methods.csv, front.csv (optional), runs.csv.</summary>
    Comparison,

    /// <summary>A multi-task comparison (ARFG/ARE): methods.csv, runs.csv, references.csv.</summary>
    MultiTask,

    /// <summary>A FairMT experiment: methods.csv, task-&lt;name&gt;.csv per task, runs.csv.</summary>
    FairMt,
}

/// <summary>
/// A result folder read back from disk: summary.json and the CSV tables a run wrote. The report is built from this
/// alone, so that a report rebuilt later equals the one written at the end of the run.
/// </summary>
public sealed class StoredResults : IDisposable
{
    private readonly JsonDocument summary;
    private readonly Dictionary<string, CsvTable> tables = new(StringComparer.Ordinal);

    private StoredResults(string directory, JsonDocument summary, ResultKind kind)
    {
        Directory = directory;
        this.summary = summary;
        Kind = kind;
    }

    /// <summary>The kind name a FairMT experiment's summary.json gives.</summary>
    public const string FairMtKindName = "fairmt";

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The kind of run that wrote it.</summary>
    public ResultKind Kind { get; }

    /// <summary>Opens <paramref name="directory"/>: reads and parses summary.json (tables are read when first asked for).</summary>
    /// <exception cref="FairMtlException">FMTL017: no such folder, no summary.json, or summary.json is not valid JSON.</exception>
    public static StoredResults Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new FairMtlException(DiagnosticCodes.ResultFile, SourceLocation.OfFile(directory), "no such folder (expected a results folder written by a run, e.g. results/parkinson)");
        }

        var path = Path.Combine(directory, "summary.json");
        if (!File.Exists(path))
        {
            throw new FairMtlException(DiagnosticCodes.ResultFile, SourceLocation.OfFile(path), "file not found (expected the summary.json a run writes next to its tables)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(StoredText(path));
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var column = (int)(exception.BytePositionInLine ?? 0) + 1;
            throw new FairMtlException(DiagnosticCodes.ResultFile, new SourceLocation(path, line, column), "not valid JSON (expected the summary.json a run writes)");
        }

        var kind = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("kind", out var kindElement)
            ? kindElement.GetString() switch
            {
                "comparison" => ResultKind.Comparison,
                "multi-task comparison" => ResultKind.MultiTask,
                FairMtKindName => ResultKind.FairMt,
                var other => throw new FairMtlException(DiagnosticCodes.ResultFile, SourceLocation.OfFile(path), $"unknown kind '{other}' (expected 'comparison', 'multi-task comparison' or '{FairMtKindName}', or no kind for a sweep experiment)"),
            }
            : ResultKind.Experiment;
        return new StoredResults(directory, document, kind);
    }

    /// <summary>Whether the folder has <c>{name}.csv</c>.</summary>
    public bool HasTable(string name) => File.Exists(Path.Combine(Directory, name + ".csv"));

    /// <summary>The table <c>{name}.csv</c>.</summary>
    /// <exception cref="FairMtlException">FMTL017 when it is missing or malformed.</exception>
    public CsvTable Table(string name)
    {
        if (!tables.TryGetValue(name, out var table))
        {
            table = CsvTable.Read(Path.Combine(Directory, name + ".csv"));
            tables.Add(name, table);
        }

        return table;
    }

    /// <summary>The element at a dotted path of summary.json (e.g. <c>data.groups.g0</c>), or null.</summary>
    public JsonElement? Find(string path)
    {
        var element = summary.RootElement;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element;
    }

    /// <summary>The string at <paramref name="path"/>.</summary>
    /// <exception cref="FairMtlException">FMTL017 when it is missing or not a string.</exception>
    public string String(string path) => Find(path) is { ValueKind: JsonValueKind.String } element
        ? element.GetString()!
        : throw Missing(path, "a string");

    /// <summary>The display text (<see cref="Display"/>) of the element at <paramref name="path"/>, or
    /// <paramref name="fallback"/> when summary.json has none.</summary>
    public string Text(string path, string fallback = "?") => Find(path) is { } element ? Display(element) : fallback;

    /// <summary>A JSON scalar as display text (numbers in their stored form, booleans as yes/no).</summary>
    public static string Display(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null => string.Empty,
        _ => element.GetRawText(),
    };

    /// <summary>summary.json's text, indented as stored, of the element at <paramref name="path"/>.</summary>
    public string Json(string path)
    {
        var element = Find(path) ?? throw Missing(path, "an object");
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Dispose() => summary.Dispose();

    private FairMtlException Missing(string path, string expected) =>
        new(DiagnosticCodes.ResultFile, SourceLocation.OfFile(Path.Combine(Directory, "summary.json")), string.Create(CultureInfo.InvariantCulture, $"no '{path}' (expected {expected})"));

    /// <summary>A stored file's text, refused (FMTL017) past <see cref="InputLimits.ResultFileBytes"/> without reading
    /// further: a results folder is input too, and may come from anywhere.</summary>
    internal static string StoredText(string path)
    {
        var bytes = InputFile.ReadBytes(path, InputLimits.ResultFileBytes, out var longer);
        return longer
            ? throw new FairMtlException(
                DiagnosticCodes.InputLimit,
                SourceLocation.OfFile(path),
                $"the file is larger than {InputLimits.ResultFileBytes >> 20} MiB (expected a result file written by a run)")
            : InputFile.Decode(bytes);
    }
}
