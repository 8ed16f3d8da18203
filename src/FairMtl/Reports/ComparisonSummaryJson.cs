using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FairMtl.Comparisons;
using FairMtl.MultiTask;

namespace FairMtl.Reports;

/// <summary>summary.json of a comparison: the resolved spec, the protocol, the data read, the runs and their failures,
/// timings, versions.</summary>
public static class ComparisonSummaryJson
{
    /// <summary>
    /// The resolved spec is written by System.Text.Json (snake_case keys in declaration order, enum values in their YAML
    /// spelling), unlike the sweep's hand-written <see cref="SpecJsonWriter"/>: the serialiser's tenth of a second of
    /// set-up matters beside a one-second sweep, not beside a comparison's many trained models. The spec is written as its
    /// kind's record (<see cref="Spec.MethodComparisonSpec"/> with its front, <see cref="Spec.MultiTaskSpec"/> with its
    /// sweep). Derived (get-only) properties are left out by a resolver rule rather than by attributes: the spec lives in
    /// sources the generator compiles too, where System.Text.Json is not available.
    /// </summary>
    private static readonly JsonSerializerOptions SpecOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    foreach (var derived in info.Properties.Where(property => property.Set is null).ToArray())
                    {
                        info.Properties.Remove(derived);
                    }
                },
                Store.CanonicalJson.OmitKeysAddedLaterWhileUnused,
            },
        },
    };

    public static string Write(ComparisonResult result, CodeVersion version) =>
        Document(result.Experiment, "comparison", result.Timings, version, json =>
        {
            var spec = result.Experiment.Spec;
            json.WriteStartObject("data");
            json.WriteNumber("rows", result.Rows);
            json.WriteNumber("rows_read", result.RowsRead);
            json.WriteNumber("rows_filtered_out", result.FilteredOut);
            json.WriteNumber("rows_dropped_missing", result.DroppedMissing);
            SummaryJson.WriteStrings(json, "features", result.FeatureNames);
            SummaryJson.WriteFiles(json, result.Provenance);
            json.WriteEndObject();

            WriteProtocol(json, spec);
            SummaryJson.WriteStrings(json, "metrics", result.Columns.Select(c => c.Name));
            json.WriteStartObject("runs");
            json.WriteNumber("total", result.Runs.Count);
            WriteFailures(json, result.Runs.Where(run => run.Failure is not null), run => (run.Method, run.Repetition, run.Failure!), (run, w) => w.WriteNumber("lambda", run.Lambda));
            json.WriteEndObject();
        });

    /// <summary>Writes a multi-task comparison's summary: the same sections, with its runs and references.</summary>
    public static string Write(MultiTaskResult result, CodeVersion version) =>
        Document(result.Experiment, "multi-task comparison", result.Timings, version, json =>
        {
            var spec = result.Experiment.Spec;
            WriteData(json, result.Rows, result.Provenance, result.Split, null);
            WriteProtocol(json, spec);
            var sweep = ((Spec.MultiTaskSpec)spec).Sweep;
            json.WriteStartObject("sweep");
            json.WriteString("kind", sweep.Kind.ToString().ToLowerInvariant());
            json.WriteNumber("runs", sweep.Runs);
            json.WriteNumber("seed", sweep.Seed);
            json.WriteEndObject();
            json.WriteStartObject("runs");
            json.WriteNumber("references", result.References.Count);
            json.WriteNumber("total", result.Runs.Count);
            WriteFailures(
                json,
                result.References.Concat(result.Runs).Where(run => run.Failure is not null),
                run => (run.Method, run.Repetition, run.Failure!),
                (run, w) => w.WriteNumber("setting", run.Setting?.Index ?? -1));
            json.WriteEndObject();
        });

    /// <summary>Writes a FairMT experiment's summary: data (with the labelled training rows per task), protocol, the
    /// constraint's scales and the runs.</summary>
    public static string Write(FairMt.FairMtResult result, CodeVersion version) =>
        Document(result.Experiment, Stored.StoredResults.FairMtKindName, result.Timings, version, json =>
        {
            var spec = result.Experiment.Spec;
            WriteData(json, result.Rows, result.Provenance, result.Split, () =>
            {
                json.WriteStartObject("labelled_training_rows");
                for (var t = 0; t < spec.Tasks.Count; t++)
                {
                    json.WriteNumber(spec.Tasks[t].Name, result.Labelled[t]);
                }

                json.WriteEndObject();
            });
            WriteProtocol(json, spec);
            json.WriteStartObject("constraint");
            json.WriteStartObject("groups");
            foreach (var attribute in result.Attributes)
            {
                SummaryJson.WriteStrings(json, attribute.Name, attribute.Groups);
            }

            json.WriteEndObject();
            json.WriteStartObject("scales");
            for (var t = 0; t < spec.Tasks.Count; t++)
            {
                if (!double.IsNaN(result.Scales[t]))
                {
                    json.WriteNumber(spec.Tasks[t].Name, result.Scales[t]);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("runs");
            json.WriteNumber("total", result.Runs.Count);
            WriteFailures(
                json,
                result.Runs.Where(run => run.Failure is not null),
                run => (run.Method, run.Repetition, run.Failure!),
                (run, w) =>
                {
                    if (!double.IsNaN(run.Point))
                    {
                        w.WriteNumber("point", run.Point);
                    }
                });
            json.WriteEndObject();
        });

    /// <summary>The document around <paramref name="body"/>: what ran, then the body, the timings and the versions.</summary>
    private static string Document(Spec.LoadedComparison experiment, string kind, Execution.RunTimings timings, CodeVersion version, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("experiment", experiment.Spec.Name);
            json.WriteString("experiment_file", experiment.Source.File);
            json.WriteString("kind", kind);
            json.WriteString("description", experiment.Spec.Description);
            json.WritePropertyName("spec");
            JsonSerializer.Serialize(json, experiment.Spec, experiment.Spec.GetType(), SpecOptions);
            body(json);
            SummaryJson.WriteTimings(json, timings);
            SummaryJson.WriteVersions(json, version);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary><c>failed</c> and <c>failures</c>: per failed run its method, what <paramref name="where"/> writes (its
    /// lambda, setting or sweep point), its repetition and the message.</summary>
    private static void WriteFailures<T>(
        Utf8JsonWriter json, IEnumerable<T> failed, Func<T, (string Method, int Repetition, string Message)> describe, Action<T, Utf8JsonWriter> where)
    {
        var failures = failed.ToArray();
        json.WriteNumber("failed", failures.Length);
        json.WriteStartArray("failures");
        foreach (var run in failures)
        {
            var (method, repetition, message) = describe(run);
            json.WriteStartObject();
            json.WriteString("method", method);
            where(run, json);
            json.WriteNumber("repetition", repetition);
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The <c>data</c> section of the kinds with a repetition-0 split: rows, files, split sizes, then
    /// <paramref name="more"/>.</summary>
    private static void WriteData(
        Utf8JsonWriter json, int rows, IReadOnlyList<Data.DataFileProvenance> files, (int Train, int Validation, int Test) split, Action? more)
    {
        json.WriteStartObject("data");
        json.WriteNumber("rows", rows);
        SummaryJson.WriteFiles(json, files);
        json.WriteStartObject("split");
        json.WriteNumber("train", split.Train);
        json.WriteNumber("validation", split.Validation);
        json.WriteNumber("test", split.Test);
        json.WriteEndObject();
        more?.Invoke();
        json.WriteEndObject();
    }

    private static void WriteProtocol(Utf8JsonWriter json, Spec.ComparisonSpec spec)
    {
        json.WriteStartObject("protocol");
        json.WriteNumber("repetitions", spec.Protocol.Repetitions);
        json.WriteString("split", spec.Protocol.Split.ToString().ToLowerInvariant());
        json.WriteNumber("validation", spec.Data.Split.Validation);
        json.WriteNumber("test", spec.Data.Split.Test);
        json.WriteNumber("seed", spec.Protocol.Seed);
        json.WriteNumber("epochs", spec.Training.Epochs);
        json.WriteNumber("batch_size", spec.Training.BatchSize);
        json.WriteString("selection", "the epoch with the lowest validation loss of the tasks");
        json.WriteEndObject();
    }
}
