using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Reports;

public class SpecJsonWriterTests
{
    private static readonly JsonSerializerOptions Serializer = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { FairMtl.Store.CanonicalJson.OmitKeysAddedLaterWhileUnused } },
    };

    public static TheoryData<string> Specs => new() { "boston", "parkinson", "hand-built" };

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_hand_written_spec_json_equals_the_serializers_output(string name)
    {
        // Every field of the spec, in declaration order: a new field that the writer forgets fails here.
        var spec = name == "hand-built"
            ? TestExperiments.ParkinsonLikeSpec() with
            {
                Data = TestExperiments.ParkinsonLikeSpec().Data with
                {
                    Features = new FeatureSelection(new[] { "a", "b" }, EquatableArray<string>.Empty),
                    Groups = new GroupSpec("g", GroupRule.Privileged, 0, new[] { "lo", "hi" }, new[] { "F", "X" }),
                    SkipLines = 1,
                    Append = new[] { new AppendedFile("more.csv", 2), new AppendedFile("rest.csv", 0) },
                    Missing = new[] { "?", "" },
                    Filters = new[] { new RowFilter("a", FilterOperator.LessOrEqual, "30"), new RowFilter("b", FilterOperator.NotEqual, "N/A") },
                    Categorical = new[] { "b" },
                    Embeddings = new[] { new EmbeddingSpec("b", 3) },
                },
                Heads = new[] { new HeadSpec("y", "t", HeadTask.Regression, true, new[] { 8, 4 }), new HeadSpec("z", "s", HeadTask.Binary, false, [], new[] { "yes" }), new HeadSpec("k", "c", HeadTask.MultiClass, false, [], Classes: 3) },
                Training = TestExperiments.ParkinsonLikeSpec().Training with { EarlyStopping = new EarlyStoppingSpec("y", 3, 0.5, true) },
            }
            : ExperimentYamlReader.Load(Path.Combine(TestExperiments.ExperimentsDirectory, name + ".yaml")).Spec;

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            SpecJsonWriter.Write(json, spec);
        }

        Encoding.UTF8.GetString(stream.ToArray()).ShouldBe(JsonSerializer.Serialize(spec, Serializer));
    }

    [Fact]
    public void Enum_values_are_written_as_the_yaml_spells_them()
    {
        SpecJsonWriter.Enum(RegimeKind.WarmStartBlocks).ShouldBe("warm-start-blocks");
        SpecJsonWriter.Enum(Initializer.GlorotUniform).ShouldBe("glorot-uniform");
        SpecJsonWriter.Enum(ErrorMetric.Rmse).ShouldBe("rmse");
    }
}
