using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairMtl.Execution;
using FairMtl.Spec;
using FairMtl.Sweeps;

namespace FairMtl.Reports;

/// <summary>
/// summary.json: what makes a run reproducible (resolved spec, data file hash, seeds, code version) and what it cost
/// (timings).
/// </summary>
public static class SummaryJson
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Write(ExperimentResult result, CodeVersion version)
    {
        var spec = result.Experiment.Spec;
        var data = result.Data;
        var pair = spec.Evaluation.Pareto;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("experiment", spec.Name);
            json.WriteString("experiment_file", result.Experiment.Source.File);
            json.WritePropertyName("spec");
            SpecJsonWriter.Write(json, spec);

            json.WriteStartObject("data");
            json.WriteString("file", data.Provenance.DisplayPath);
            json.WriteString("sha256", data.Provenance.Sha256);
            json.WriteNumber("rows", data.Provenance.Rows);
            json.WriteNumber("columns", data.Provenance.Columns);
            WriteFiles(json, data.Provenance.Files);
            WriteStrings(json, "features", data.FeatureNames);
            json.WriteStartObject("split");
            json.WriteNumber("train", data.Train.Rows);
            json.WriteNumber("validation", data.Validation.Rows);
            json.WriteNumber("test", data.Test.Rows);
            json.WriteNumber("seed", spec.Data.Split.Seed);
            json.WriteEndObject();
            json.WriteStartObject("groups");
            json.WriteString("column", data.Groups.Column);
            json.WriteString("rule", data.Groups.Rule);
            if (data.Groups.Threshold is { } threshold)
            {
                json.WriteNumber("threshold", threshold);
            }

            json.WriteString("g0", data.Groups.Label0);
            json.WriteString("g1", data.Groups.Label1);
            json.WriteNumber("test_rows_g0", data.Groups.TestCount0);
            json.WriteNumber("test_rows_g1", data.Groups.TestCount1);
            json.WriteString("description", data.Groups.Description);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("seeds");
            foreach (var seed in spec.Sweep.Seeds)
            {
                json.WriteNumberValue(seed);
            }

            json.WriteEndArray();

            json.WriteStartObject("runs");
            json.WriteNumber("baseline", result.Baseline.Count);
            json.WriteNumber("sweep", result.Sweep.Count);
            json.WriteNumber("failed", result.Failures.Count());
            json.WriteStartArray("failures");
            foreach (var run in result.Failures)
            {
                json.WriteStartObject();
                json.WriteNumber("seed", run.Seed);
                if (run.Point is not null)
                {
                    json.WriteNumber("point", run.Point.Index);
                }

                json.WriteString("message", run.Failure);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("pareto");
            json.WriteString("disparity", ResultTables.Name(pair.Disparity));
            json.WriteString("error", ResultTables.Name(pair.Error));
            json.WriteStartArray("points");
            foreach (var summary in result.Pareto)
            {
                json.WriteStartObject();
                for (var v = 0; v < spec.Sweep.Variables.Count; v++)
                {
                    json.WriteNumber(spec.Sweep.Variables[v].Name, summary.Point.Values[v]);
                }

                json.WriteNumber("disparity", summary.Disparity.Get(pair.Disparity));
                json.WriteNumber("error", summary.Overall.Get(pair.Error));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();

            var seeds = result.Seeds;
            json.WriteStartObject("seed_analysis");
            json.WriteNumber("level", seeds.Level);
            json.WriteString("test", "exact two-sided Wilcoxon signed-rank over paired seeds (paired t reported beside it); intervals: Student t");
            json.WriteString("verdict", seeds.Verdict);
            json.WriteStartObject("hypervolume");
            var declared = result.Experiment.Spec.Evaluation.HypervolumeReference;
            json.WriteString(
                "reference",
                declared.Count == 2
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"declared: disparity {declared[0]}, error {declared[1]}")
                    : "the baseline's (disparity, error) means; per seed, that seed's baseline");
            WriteNumber(json, "of_means", seeds.HypervolumeOfMeans);
            WriteNumber(json, "per_seed_mean", seeds.HypervolumePerSeed.Mean);
            WriteNumber(json, "per_seed_sd", seeds.HypervolumePerSeed.StandardDeviation);
            json.WriteEndObject();
            json.WriteEndObject();

            WriteTimings(json, result.Timings);
            WriteVersions(json, version);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The <c>timings</c> object: where the wall time went and what training cost.</summary>
    internal static void WriteTimings(Utf8JsonWriter json, RunTimings timings)
    {
        json.WriteStartObject("timings");
        json.WriteNumber("load_seconds", Math.Round(timings.LoadSeconds, 3));
        json.WriteNumber("train_seconds", Math.Round(timings.TrainSeconds, 3));
        json.WriteNumber("threads", timings.Threads);
        json.WriteNumber("optimizer_steps", timings.Steps);
        json.WriteNumber("garbage_collections_while_training", timings.GarbageCollections);
        json.WriteNumber("bytes_allocated_while_training", timings.AllocatedBytes);
        if (timings.ModelsFromStore > 0)
        {
            // Their steps are counted, their time is not: no cost per step can be given.
            json.WriteNumber("models_from_store", timings.ModelsFromStore);
        }
        else
        {
            json.WriteNumber("us_per_step_wall", timings.Steps == 0 ? 0 : Math.Round(1e6 * timings.TrainSeconds * timings.Threads / timings.Steps, 2));
        }
        json.WriteEndObject();
    }

    /// <summary>The <c>versions</c> object: code, runtime and instruction sets.</summary>
    internal static void WriteVersions(Utf8JsonWriter json, CodeVersion version)
    {
        json.WriteStartObject("versions");
        json.WriteString("fairmtl", version.Version);
        if (version.Commit is not null)
        {
            json.WriteString("commit", version.Commit);
        }

        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("architecture", RuntimeInformation.ProcessArchitecture.ToString());
        json.WriteStartObject("simd");
        json.WriteBoolean("vector128", Vector128.IsHardwareAccelerated);
        json.WriteBoolean("vector256", Vector256.IsHardwareAccelerated);
        json.WriteBoolean("vector512", Vector512.IsHardwareAccelerated);
        json.WriteBoolean("fma", Fma.IsSupported);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A number, or null when it is not finite (JSON has no NaN).</summary>
    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>The <c>files</c> array: every data file read, with its sha256 and the rows read from it.</summary>
    internal static void WriteFiles(Utf8JsonWriter json, IEnumerable<Data.DataFileProvenance> files)
    {
        json.WriteStartArray("files");
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("file", file.DisplayPath);
            json.WriteString("sha256", file.Sha256);
            json.WriteNumber("rows_read", file.Rows);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    internal static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
