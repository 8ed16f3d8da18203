using System.Globalization;
using System.Text;
using System.Text.Json;
using FairMtl.Evaluation;
using FairMtl.Spec;
using FairMtl.Store;

namespace FairMtl.Sweeps;

/// <summary>
/// A sweep's units and unit results in the run store's text forms, written by hand: a cold process would otherwise
/// spend about 50 ms building the JSON serializer's metadata for these types while its two cores train (2% of a
/// Parkinson sweep). The results are the JSON that <see cref="Store.CanonicalJson"/> reads back into equal values
/// (snake_case names, doubles in shortest round-trip form, NaN and infinities by name).
/// </summary>
internal static class SweepUnitText
{
    /// <summary>The canonical key of a unit: its seed, block and points (a baseline unit: its seed and the baseline
    /// settings, which only baseline units depend on).</summary>
    public static string Key(TrainingUnit unit, BaselineSpec baseline)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed={unit.Seed};block={unit.Block}");
        if (unit.IsBaseline)
        {
            text.Append(CultureInfo.InvariantCulture, $";baseline heads={string.Join(",", baseline.Heads)} epochs={baseline.Epochs} enabled={baseline.Enabled}");
        }

        foreach (var point in unit.Points)
        {
            text.Append(CultureInfo.InvariantCulture, $";point {point.Index}=").AppendJoin(",", point.Values.Select(value => value.ToString("R", CultureInfo.InvariantCulture)));
        }

        return text.ToString();
    }

    /// <summary>The JSON of a unit's results.</summary>
    public static string Write(RunResult[] results) => CanonicalJson.Write(json =>
    {
        json.WriteStartArray();
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteNumber("seed", result.Seed);
            if (result.Point is { } point)
            {
                json.WriteStartObject("point");
                json.WriteNumber("index", point.Index);
                json.WriteStartArray("values");
                foreach (var value in point.Values)
                {
                    CanonicalJson.Number(json, value);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("point");
            }

            json.WriteNumber("block", result.Block);
            json.WriteNumber("epochs", result.Epochs);
            json.WriteNumber("steps", result.Steps);
            if (result.Metrics is { } metrics)
            {
                json.WriteStartObject("metrics");
                json.WriteStartObject("errors");
                Errors(json, "overall", metrics.Errors.Overall);
                Errors(json, "group0", metrics.Errors.Group0);
                Errors(json, "group1", metrics.Errors.Group1);
                json.WriteEndObject();
                json.WriteStartArray("auxiliary");
                foreach (var auxiliary in metrics.Auxiliary)
                {
                    json.WriteStartObject();
                    json.WriteString("name", auxiliary.Name);
                    json.WritePropertyName("value");
                    CanonicalJson.Number(json, auxiliary.Value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("metrics");
            }

            json.WriteString("failure", result.Failure);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    private static void Errors(Utf8JsonWriter json, string name, ErrorMetrics errors)
    {
        json.WriteStartObject(name);
        json.WritePropertyName("mse");
        CanonicalJson.Number(json, errors.Mse);
        json.WritePropertyName("rmse");
        CanonicalJson.Number(json, errors.Rmse);
        json.WritePropertyName("mae");
        CanonicalJson.Number(json, errors.Mae);
        json.WriteEndObject();
    }
}
