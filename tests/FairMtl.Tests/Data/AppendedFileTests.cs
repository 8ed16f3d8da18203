using FairMtl.Data;
using FairMtl.Diagnostics;

namespace FairMtl.Tests.Data;

public class AppendedFileTests
{
    private const string Main = "junk line\n1,10\n2,20\n";
    private const string Extra = "# comment\nmore junk\n\n3,30\n4,40\n";

    private static readonly string[] Headerless =
        ["  file: main.csv", "  skip_lines: 1", "  append:", "    - { file: extra.csv, skip_lines: 2 }", "  header: false", "  columns: [a, y]", "  features: { include: [a] }"];

    [Fact]
    public void Appended_rows_follow_the_main_rows_and_keep_their_own_file_and_line()
    {
        using var folder = new TempDataFolder();
        folder.Write("main.csv", Main);
        folder.Write("extra.csv", Extra);
        var experiment = DataYaml.Parse(folder, Headerless);

        var table = DataYaml.Encode(experiment, text: [], numeric: ["y"], never: []);

        table.Number("y").ShouldBe([10.0, 20.0, 30.0, 40.0]);
        table.Files.Select(f => (f.DisplayPath, f.Rows)).ShouldBe(
            [(DataYaml.Display(folder, "main.csv"), 2), (DataYaml.Display(folder, "extra.csv"), 2)]);
        table.Locate("y", 0).ShouldBe(new SourceLocation(DataYaml.Display(folder, "main.csv"), 2, 3));
        table.Locate("y", 2).ShouldBe(new SourceLocation(DataYaml.Display(folder, "extra.csv"), 4, 3));
    }

    [Fact]
    public void An_error_on_a_row_of_an_appended_file_names_that_file_and_its_line()
    {
        using var folder = new TempDataFolder();
        folder.Write("main.csv", Main);
        folder.Write("extra.csv", Extra.Replace("4,40", "4,x", StringComparison.Ordinal));
        var experiment = DataYaml.Parse(folder, Headerless);

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: ["y"], never: []));

        error.Message.ShouldBe(
            $"{DataYaml.Display(folder, "extra.csv")}(5,3): error FMTL011: non-numeric value 'x' in column 'y' (expected a number)");
    }

    [Fact]
    public void A_plain_path_item_appends_without_skipping_and_the_regression_path_reads_the_appended_rows()
    {
        using var folder = new TempDataFolder();
        folder.Write("main.csv", "x,y,g\n" + string.Concat(Enumerable.Range(0, 5).Select(i => $"{i},{i},{i % 2}\n")));
        folder.Write("more.csv", "x,y,g\n" + string.Concat(Enumerable.Range(5, 5).Select(i => $"{i},{i},{i % 2}\n")));
        var experiment = DataYaml.Parse(folder, "  file: main.csv", "  append: [more.csv]");

        var data = DataPreparation.Prepare(experiment);

        data.Provenance.Rows.ShouldBe(10);
        data.Provenance.Files.Select(f => f.Rows).ShouldBe([5, 5]);
        data.Provenance.Sha256.ShouldBe(data.Provenance.Files[0].Sha256);
    }

    [Fact]
    public void An_appended_header_must_name_the_same_columns()
    {
        using var folder = new TempDataFolder();
        folder.Write("main.csv", "a,y\n1,2\n");
        folder.Write("more.csv", "a,z\n3,4\n");
        var experiment = DataYaml.Parse(folder, "  file: main.csv", "  append: [more.csv]", "  features: { include: [a] }");

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: [], never: []));

        error.Message.ShouldBe(
            $"{DataYaml.Display(folder, "more.csv")}(1,3): error FMTL010: the header of appended file '{DataYaml.Display(folder, "more.csv")}' "
            + $"has 'z' as column 2 where '{DataYaml.Display(folder, "main.csv")}' has 'y' (expected the same columns in the same order)");
    }

    [Fact]
    public void A_missing_appended_file_is_reported_at_its_entry()
    {
        using var folder = new TempDataFolder();
        folder.Write("main.csv", Main);
        var experiment = DataYaml.Parse(folder, Headerless);

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: ["y"], never: []));

        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(DataYaml.File, 6, 15));
        error.Detail.ShouldBe(
            $"data file '{Path.Combine(folder.Path, "extra.csv")}' not found (expected an existing file; "
            + $"data.append[0].file is resolved against '{folder.Path}')");
    }

    [Fact]
    public void Skipping_every_line_leaves_an_empty_file()
    {
        using var folder = new TempDataFolder();
        folder.Write("main.csv", Main);
        var experiment = DataYaml.Parse(folder, "  file: main.csv", "  skip_lines: 3", "  header: false", "  columns: [a, y]");

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: [], never: []));

        error.Detail.ShouldBe($"data file '{DataYaml.Display(folder, "main.csv")}' has nothing after the 3 lines skip_lines skips (expected data rows)");
    }
}
