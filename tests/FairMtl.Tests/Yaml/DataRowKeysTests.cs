using FairMtl.Diagnostics;
using FairMtl.Spec;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

/// <summary><c>data.skip_lines</c>, <c>append</c>, <c>missing</c>, <c>filter</c> and <c>categorical</c> in YAML.</summary>
public class DataRowKeysTests
{
    private const string Full = """
        name: t
        data:
          file: d.csv
          skip_lines: 2
          append:
            - { file: e.csv, skip_lines: 1 }
            - f.csv
          missing: ["?", "", NA, " padded "]
          filter:
            - a <= 30
            - b != -1
            - c == Two words
            - d == ""
            - e   >   1e3
          categorical: [c, d]
          groups: { column: g }
        heads:
          y: { column: target }
        loss: y
        training:
          epochs: 3
        """;

    [Fact]
    public void Every_new_key_is_read_into_the_data_spec()
    {
        var data = Parse(Full).Spec.Data;

        data.SkipLines.ShouldBe(2);
        data.Append.ShouldBe([new AppendedFile("e.csv", 1), new AppendedFile("f.csv", 0)]);
        data.Missing.ShouldBe(["?", "", "NA", "padded"]);
        data.Filters.ShouldBe(
        [
            new RowFilter("a", FilterOperator.LessOrEqual, "30"),
            new RowFilter("b", FilterOperator.NotEqual, "-1"),
            new RowFilter("c", FilterOperator.Equal, "Two words"),
            new RowFilter("d", FilterOperator.Equal, string.Empty),
            new RowFilter("e", FilterOperator.Greater, "1e3"),
        ]);
        data.Categorical.ShouldBe(["c", "d"]);
    }

    [Fact]
    public void Omitted_keys_default_to_nothing_skipped_appended_missing_filtered_or_encoded()
    {
        var data = Parse(Minimal).Spec.Data;

        (data.SkipLines, data.Append.Count, data.Missing.Count, data.Filters.Count, data.Categorical.Count).ShouldBe((0, 0, 0, 0, 0));
        data.ShouldBe(Parse(Minimal.WithLine("file:", "  file: d.csv\n  skip_lines: 0\n  append: []\n  missing: []\n  filter: []\n  categorical: []")).Spec.Data);
    }

    [Fact]
    public void The_source_map_locates_every_list_item()
    {
        var source = Parse(Full).Source;

        source.Locate("data.skip_lines").ShouldBe(new SourceLocation(DisplayPath, 4, 15));
        source.Locate("data.append[0].file").ShouldBe(new SourceLocation(DisplayPath, 6, 15));
        source.Locate("data.append[1].file").ShouldBe(new SourceLocation(DisplayPath, 7, 7));
        source.Locate("data.filter[2]").ShouldBe(new SourceLocation(DisplayPath, 12, 7));
        source.Locate("data.categorical[1]").ShouldBe(new SourceLocation(DisplayPath, 15, 20));
    }

    [Fact]
    public void Each_condition_prints_back_as_written()
    {
        var data = Parse(Full).Spec.Data;

        data.Filters.Select(RowFilterSyntax.Format).ShouldBe(["a <= 30", "b != -1", "c == Two words", "d == ", "e > 1e3"]);
    }

    public static TheoryData<string, string, int, int, string> Mistakes => new()
    {
        { "  skip_lines: -1", DiagnosticCodes.InvalidValue, 4, 15, "'data.skip_lines' must be an integer >= 0, got '-1'" },
        { "  append: e.csv", DiagnosticCodes.InvalidValue, 4, 11, "'data.append' must be a list of files, each a path or a mapping with keys file, skip_lines, got 'e.csv'" },
        { "  append: [{ file: e.csv, skip: 1 }]", DiagnosticCodes.UnknownKey, 4, 27, "unknown key 'skip' in 'data.append[0]'; did you mean 'skip_lines'?" },
        { "  append: [{ skip_lines: 1 }]", DiagnosticCodes.MissingKey, 4, 12, "missing required key 'file' in 'data.append[0]'" },
        { "  missing: \"?\"", DiagnosticCodes.InvalidValue, 4, 12, "'data.missing' must be a list of values that mean 'missing', got the quoted string '?'" },
        { "  missing: [x, \" x\"]", DiagnosticCodes.InvalidValue, 4, 16, "'data.missing' lists 'x' twice" },
        { "  categorical: [a, a]", DiagnosticCodes.InvalidValue, 4, 20, "'data.categorical' lists 'a' twice" },
        { "  filters: [a < 1]", DiagnosticCodes.UnknownKey, 4, 3, "unknown key 'filters' in 'data'; did you mean 'filter'?" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_in_a_new_key_is_located(string line, string code, int lineNumber, int column, string detail) =>
        Error(Minimal.WithLine("file:", "  file: d.csv\n" + line)).ShouldBeAt(code, lineNumber, column, detail);
}
