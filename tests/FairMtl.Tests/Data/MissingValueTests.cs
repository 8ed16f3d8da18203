using FairMtl.Diagnostics;

namespace FairMtl.Tests.Data;

public class MissingValueTests
{
    // Row 1 has '?' only in c, which the experiment does not use; rows 2 and 3 have it in a used column.
    private const string Rows = "a,b,c,y,g\n1,x,?,1,0\n?,x,1,2,1\n2, ? ,1,3,0\n3,x,1,4,1\n";

    [Fact]
    public void A_row_with_a_marker_in_a_used_column_is_dropped_and_counted_and_one_in_an_unused_column_is_kept()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", Rows);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  missing: [\"?\"]", "  features: { include: [a] }");

        var table = DataYaml.Encode(experiment, text: ["b"], numeric: ["y"], never: []);

        table.Number("y").ShouldBe([1.0, 4.0]);
        table.Number("a").ShouldBe([1.0, 3.0]);
        (table.Rows, table.RowsRead, table.DroppedMissing, table.FilteredOut).ShouldBe((2, 4, 2, 0));
        table.Locate("y", 1).Line.ShouldBe(5);
    }

    [Fact]
    public void A_filter_column_is_not_used_for_dropping_its_condition_decides()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", Rows);
        var experiment = DataYaml.Parse(
            folder, "  file: data.csv", "  missing: [\"?\"]", "  features: { include: [a] }", "  filter: [c >= 1]");

        var table = DataYaml.Encode(experiment, text: ["b"], numeric: ["y"], never: []);

        // Row 1's '?' in c fails 'c >= 1' (filtered out, not dropped); rows 2 and 3 meet it and are dropped for a and b.
        table.Number("y").ShouldBe([4.0]);
        (table.FilteredOut, table.DroppedMissing).ShouldBe((1, 2));
    }

    [Fact]
    public void Without_markers_a_question_mark_in_a_numeric_column_is_the_usual_error()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", Rows);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  features: { include: [a] }");

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: [], never: []));

        error.Code.ShouldBe(DiagnosticCodes.NonNumeric);
        error.Location.ShouldBe(new SourceLocation(DataYaml.Display(folder, "data.csv"), 3, 1));
    }

    [Fact]
    public void An_empty_text_field_is_an_error_unless_the_empty_text_is_a_marker()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", "a,b,y,g\n1,x,1,0\n2,,2,1\n");
        var strict = DataYaml.Parse(folder, "  file: data.csv", "  features: { include: [a] }");
        var lenient = DataYaml.Parse(folder, "  file: data.csv", "  missing: [\"\"]", "  features: { include: [a] }");

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(strict, text: ["b"], numeric: [], never: []));
        var table = DataYaml.Encode(lenient, text: ["b"], numeric: [], never: []);

        error.Code.ShouldBe(DiagnosticCodes.MissingValue);
        error.Location.ShouldBe(new SourceLocation(DataYaml.Display(folder, "data.csv"), 3, 3));
        error.Detail.ShouldBe("empty value in column 'b' (expected a value; list \"\" under data.missing to drop such rows)");
        (table.Rows, table.DroppedMissing).ShouldBe((1, 1));
    }

    [Fact]
    public void When_every_row_is_dropped_the_error_says_why()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", "a,y,g\n?,1,0\n");
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  missing: [\"?\"]", "  features: { include: [a] }");

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: [], never: []));

        error.Message.ShouldBe(
            $"experiment.yaml(4,12): error FMTL010: no data rows are left in '{DataYaml.Display(folder, "data.csv")}' after data.filter "
            + "and data.missing (1 rows read: 0 filtered out, 1 with a missing value); expected at least one row");
    }
}
