using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Tests.Yaml;

namespace FairMtl.Tests.Data;

public class RowFilterTests
{
    // n holds a number, an empty field, text, a missing marker (NA) and a number in exponent form; y numbers the rows.
    private const string Rows = "n,t,y,g\n5,a,1,0\n-1,b,2,1\n,c,3,0\nabc,d,4,1\n30,a b,5,0\nNA,e,6,1\n1e1,f,7,0\n";

    public static TheoryData<string, double[]> Conditions => new()
    {
        { "n < 5", [2] },
        { "n <= 5", [1, 2] },
        { "n > 5", [5, 7] },
        { "n >= 5", [1, 5, 7] },
        { "n >= -100", [1, 2, 5, 7] },   // empty, 'abc' and the marker 'NA' fail an ordering condition (NaN semantics)
        { "n == 10", [7] },              // numeric: '1e1' equals 10
        { "n == 5.0", [1] },
        { "n != 5", [2, 3, 4, 5, 6, 7] }, // the empty field, text and 'NA' are not 5
        { "n == \"\"", [3] },
        { "t == a b", [5] },             // text with a space
        { "t != a", [2, 3, 4, 5, 6, 7] },
        { "t == A", [] },                 // text compares case-sensitively
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Each_operator_keeps_the_rows_that_meet_it(string condition, double[] kept)
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", Rows);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  missing: [NA]", "  features: { include: [y] }", "  filter:", "    - " + condition);

        if (kept.Length == 0)
        {
            Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, [], ["y"], [])).Detail
                .ShouldStartWith("no data rows are left in ");
            return;
        }

        var table = DataYaml.Encode(experiment, text: [], numeric: ["y"], never: []);

        table.Number("y").ShouldBe(kept);
        table.FilteredOut.ShouldBe(7 - kept.Length);
        table.DroppedMissing.ShouldBe(0);
    }

    [Fact]
    public void A_missing_marker_that_looks_like_a_number_fails_an_ordering_condition_but_is_text_for_equality()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", "n,y,g\n999,1,0\n5,2,1\n");
        var ordering = DataYaml.Parse(folder, "  file: data.csv", "  missing: [\"999\"]", "  features: { include: [y] }", "  filter: [n < 1000]");
        var equality = DataYaml.Parse(folder, "  file: data.csv", "  missing: [\"999\"]", "  features: { include: [y] }", "  filter: [n == 999]");

        DataYaml.Encode(ordering, text: [], numeric: ["y"], never: []).Number("y").ShouldBe([2.0]);
        DataYaml.Encode(equality, text: [], numeric: ["y"], never: []).Number("y").ShouldBe([1.0]);
    }

    [Fact]
    public void All_conditions_must_hold()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", Rows);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  features: { include: [y] }", "  filter: [n >= 0, t != f, n <= 30]");

        DataYaml.Encode(experiment, text: [], numeric: ["y"], never: []).Number("y").ShouldBe([1.0, 5.0]);
    }

    [Fact]
    public void The_regression_path_applies_the_filters_too()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", "x,y,g\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"{i},{i * 2},{i % 2}\n")));
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  filter: [x < 10]");

        var data = DataPreparation.Prepare(experiment);

        (data.Train.Rows + data.Test.Rows).ShouldBe(10);
        data.Provenance.Rows.ShouldBe(10);
        data.Provenance.Files.ShouldHaveSingleItem().Rows.ShouldBe(12);
    }

    public static TheoryData<string, string> BadConditions => new()
    {
        { "is_recid =! -1", "no operator between a column and a value" },
        { "n <=", "no value after the operator" },
        { "<= 3", "no operator between a column and a value" },
        { "n <= abc", "'<=' compares numbers, and 'abc' is not a number" },
    };

    [Theory]
    [MemberData(nameof(BadConditions))]
    public void A_condition_that_does_not_parse_is_FMTL003_at_its_list_item(string condition, string problem)
    {
        var error = Should.Throw<FairMtlException>(() => FairMtl.Spec.Yaml.ExperimentYamlReader.Parse(
            DataYaml.Text("  file: data.csv", "  filter:", "    - n > 1", "    - " + condition), DataYaml.File, "/base"));

        error.Message.ShouldBe(
            $"experiment.yaml(6,7): error FMTL003: 'data.filter[1]' must be a condition '<column> <op> <value>' with op one of "
            + $"== != < <= > >=, got '{condition}' ({problem})");
    }

    [Fact]
    public void A_condition_that_is_not_a_string_is_FMTL003_naming_the_expected_form()
    {
        var error = Should.Throw<FairMtlException>(() => YamlTestFiles.Parse(
            DataYaml.Text("  file: data.csv", "  filter:", "    - { n: 1 }")));

        error.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        error.Detail.ShouldBe(
            "'data.filter[0]' must be a condition '<column> <op> <value>' with op one of == != < <= > >=, got a mapping");
    }

    [Fact]
    public void An_unknown_filter_column_is_FMTL004_at_its_list_item_with_the_nearest_column()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", Rows);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  features: { include: [y] }", "  filter:", "    - n > 1", "    - tt == a");

        var encoding = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: ["y"], never: []));
        var regression = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        var expected = $"experiment.yaml(7,7): error FMTL004: unknown column 'tt' in data file '{DataYaml.Display(folder, "data.csv")}'; did you mean 't'?";
        encoding.Message.ShouldBe(expected);
        regression.Message.ShouldBe(expected);
    }
}
