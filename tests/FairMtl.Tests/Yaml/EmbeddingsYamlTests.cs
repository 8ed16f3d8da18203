using FairMtl.Diagnostics;
using FairMtl.Spec;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

/// <summary><c>data.embeddings</c>: one width for every categorical column, or a width per column.</summary>
public class EmbeddingsYamlTests
{
    private static string With(string lines) => Minimal.WithLine("file:", "  file: d.csv\n  categorical: [c, d, e]\n" + lines);

    [Fact]
    public void One_width_embeds_every_categorical_column()
    {
        Parse(With("  embeddings: 40")).Spec.Data.Embeddings.ShouldBe([new EmbeddingSpec("c", 40), new EmbeddingSpec("d", 40), new EmbeddingSpec("e", 40)]);
    }

    [Fact]
    public void A_mapping_embeds_the_columns_it_names_at_their_widths()
    {
        Parse(With("  embeddings: { d: 1, c: 10 }")).Spec.Data.Embeddings.ShouldBe([new EmbeddingSpec("d", 1), new EmbeddingSpec("c", 10)]);
    }

    [Fact]
    public void Without_the_key_nothing_is_embedded()
    {
        Parse(With(string.Empty)).Spec.Data.Embeddings.Count.ShouldBe(0);
    }

    public static TheoryData<string, int, int, string> Mistakes => new()
    {
        { "  embeddings: 0", 5, 15, "'data.embeddings' must be a width from 1 to 1024 for every categorical column, or a mapping of categorical columns to widths, got '0'" },
        { "  embeddings: wide", 5, 15, "'data.embeddings' must be a width from 1 to 1024 for every categorical column, or a mapping of categorical columns to widths, got 'wide'" },
        { "  embeddings: { c: 2000 }", 5, 20, "'data.embeddings.c' must be a width from 1 to 1024, got '2000'" },
        { "  embeddings: { x: 3 }", 5, 20, "'data.embeddings.x' embeds column 'x', which 'data.categorical' does not list (expected one of: c, d, e)" },
        { "  embeddings: [c, d]", 5, 15, "'data.embeddings' must be a width from 1 to 1024 for every categorical column, or a mapping of categorical columns to widths, got a list of 2 items" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_located_and_says_what_was_expected(string line, int lineNumber, int column, string detail) =>
        Error(With(line)).ShouldBeAt(DiagnosticCodes.InvalidValue, lineNumber, column, detail);

    [Fact]
    public void A_width_for_all_needs_categorical_columns()
    {
        Error(Minimal.WithLine("file:", "  file: d.csv\n  embeddings: 8"))
            .ShouldBeAt(DiagnosticCodes.InvalidValue, 4, 15, "'data.embeddings' embeds the categorical columns, but 'data.categorical' lists none");
    }
}
