using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FairMtl.Spec;

namespace FairMtl.Store;

/// <summary>
/// The one JSON form the run store uses for specs, unit keys and unit results: invariant, compact, snake_case names and
/// kebab-case enum values as in <c>spec.json</c>, readable text (no escaping of '+' or '&lt;'),
/// doubles in their shortest round-trip form (NaN and infinities by name), so that what is read back is bit-identical
/// to what was written and the same value always gives the same text (the identities hash it).
/// </summary>
public static class CanonicalJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = false,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new EquatableArrayConverterFactory() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitKeysAddedLaterWhileUnused } },
    };

    /// <summary>
    /// A resolver rule: spec keys added after specs were first stored (<c>data.embeddings</c>, a head's <c>classes</c>,
    /// the FairMT kind's task and method keys, a method comparison's <c>evaluation</c>, a sweep's and a front's <c>conditional</c>, a comparison unit's <c>conditional</c> and its result's <c>points</c>) are written only when an experiment uses them, so that every earlier spec
    /// keeps its text and its units their identities; a head's computed widths (<c>outputs</c>, <c>target_width</c>) are
    /// never written.
    /// </summary>
    public static void OmitKeysAddedLaterWhileUnused(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Type == typeof(HeadSpec))
        {
            foreach (var property in info.Properties.Where(p => p.Name is "outputs" or "target_width").ToArray())
            {
                info.Properties.Remove(property);
            }
        }

        var defaults = info.Type == typeof(DataSpec) ? DataKeysAddedLater
            : info.Type == typeof(HeadSpec) ? HeadKeysAddedLater
            : info.Type == typeof(TaskSpec) ? TaskKeysAddedLater
            : info.Type == typeof(MethodSpec) ? MethodKeysAddedLater
            : info.Type == typeof(ComparisonTrainingSpec) ? TrainingKeysAddedLater
            : info.Type == typeof(TrainingSpec) ? TrainingKeysAddedLater
            : info.Type == typeof(MethodComparisonSpec) ? ComparisonKeysAddedLater
            : info.Type == typeof(SweepSpec) ? SweepKeysAddedLater
            : info.Type == typeof(FrontSpec) ? SweepKeysAddedLater
            : info.Type == typeof(MultiTaskSweepSpec) ? SweepKeysAddedLater
            : info.Type == typeof(MultiTask.MultiTaskRun) ? RunKeysAddedLater
            : info.Type == typeof(Comparisons.ComparisonUnit) ? UnitKeysAddedLater
            : info.Type == typeof(Comparisons.ComparisonRun) ? RunKeysAddedLater
            : null;
        if (defaults is null)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (defaults.TryGetValue(property.Name, out var unused))
            {
                property.ShouldSerialize = (_, value) => !unused(value);
            }
        }
    }

    private static readonly Dictionary<string, Func<object?, bool>> DataKeysAddedLater = new(StringComparer.Ordinal)
    {
        ["embeddings"] = value => value is not EquatableArray<EmbeddingSpec> { Count: > 0 },
    };

    private static readonly Dictionary<string, Func<object?, bool>> HeadKeysAddedLater = new(StringComparer.Ordinal)
    {
        ["classes"] = value => value is 0,
    };

    private static readonly Dictionary<string, Func<object?, bool>> TaskKeysAddedLater = new(StringComparer.Ordinal)
    {
        ["type"] = value => value is HeadTask.Binary,
        ["labels"] = value => value is not EquatableArray<string> { Count: > 0 },
        ["classes"] = value => value is not EquatableArray<string> { Count: > 0 },
        ["loss"] = value => value is RegressionLoss.Mse,
        ["matched_threshold"] = value => value is false,
        ["standardize"] = value => value is false,
        ["weight"] = value => value is 1d,
        ["harm"] = value => value is null,
        ["missing"] = value => value is null,
    };

    private static readonly Dictionary<string, Func<object?, bool>> TrainingKeysAddedLater = new(StringComparer.Ordinal)
    {
        ["selection"] = value => value is EpochChoice.BestEpoch,
        ["engine"] = value => value is TrainingEngine.Native,
        ["reduction"] = value => value is LossReduction.Mean,
    };

    private static readonly Dictionary<string, Func<object?, bool>> ComparisonKeysAddedLater = new(StringComparer.Ordinal)
    {
        ["evaluation"] = value => value is null,
    };

    private static readonly Dictionary<string, Func<object?, bool>> SweepKeysAddedLater = new(StringComparer.Ordinal)
    {
        ["conditional"] = value => value is null,
    };

    private static readonly Dictionary<string, Func<object?, bool>> UnitKeysAddedLater = new(StringComparer.Ordinal)
    {
        ["conditional"] = value => value is false,
    };

    private static readonly Dictionary<string, Func<object?, bool>> RunKeysAddedLater = new(StringComparer.Ordinal)
    {
        ["points"] = value => value is null,
        ["grid"] = value => value is null,
    };

    private static readonly Dictionary<string, Func<object?, bool>> MethodKeysAddedLater = new(StringComparer.Ordinal)
    {
        ["violation"] = value => value is ViolationKind.OneSided,
        ["dual_step"] = value => value is 0d,
        ["averaging"] = value => value is 0d,
        ["head_aware"] = value => value is true,
        ["min_norm"] = value => value is false,
        ["ratio"] = value => value is 1d,
        ["shared"] = value => value is SharedFairness.Paper,
        ["setting"] = value => value is null,
    };

    /// <summary>The JSON text of <paramref name="value"/> as its runtime type.</summary>
    public static string Write<T>(T value) => value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>
    /// A sweep's spec as <c>spec.json</c> writes it (<see cref="Reports.SpecJsonWriter"/>: the same text as the serializer's
    /// snake_case form, written by hand): a cold process spends about 0.1 s building the serializer's metadata for the
    /// spec's types, 3% of a Parkinson sweep.
    /// </summary>
    public static string Write(ExperimentSpec spec) => Write(json => Reports.SpecJsonWriter.Write(json, spec));

    /// <summary>The compact text that <paramref name="write"/> writes, for the forms written by hand.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            write(json);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A double as <see cref="Options"/> writes it: a number, or NaN and the infinities by name.</summary>
    public static void Number(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    /// <summary>Reads a value written by <see cref="Write{T}"/>.</summary>
    /// <exception cref="JsonException">The text is not such a value.</exception>
    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"expected a {typeof(T).Name}, got null");

    private sealed class EquatableArrayConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableArray<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(EquatableArrayConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    private sealed class EquatableArrayConverter<T> : JsonConverter<EquatableArray<T>>
    {
        public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<T[]>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToArray(), options);
    }
}
