using System.Text.Json;
using System.Text.Json.Serialization;
using FairMtl.Spec;

namespace FairMtl.Reports;

/// <summary>
/// Source-generated JSON metadata for the resolved spec in summary.json (snake_case keys, kebab-case enum values, as
/// in the YAML): no reflection, so the first serialisation costs milliseconds instead of a tenth of a second.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    Converters =
    [
        typeof(KebabCaseEnumConverter<DataFormat>),
        typeof(KebabCaseEnumConverter<GroupRule>),
        typeof(KebabCaseEnumConverter<HeadTask>),
        typeof(KebabCaseEnumConverter<Activation>),
        typeof(KebabCaseEnumConverter<Initializer>),
        typeof(KebabCaseEnumConverter<OptimizerKind>),
        typeof(KebabCaseEnumConverter<RegimeKind>),
        typeof(KebabCaseEnumConverter<ErrorMetric>),
    ])]
[JsonSerializable(typeof(ExperimentSpec))]
internal sealed partial class SpecJsonContext : JsonSerializerContext;

/// <summary>Writes an enum value as kebab-case text (<c>GlorotUniform</c> -> <c>glorot-uniform</c>), the YAML spelling.</summary>
internal sealed class KebabCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public KebabCaseEnumConverter()
        : base(JsonNamingPolicy.KebabCaseLower)
    {
    }
}
