using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Tests.Data;

/// <summary>A data line longer than its bound, or with more fields than the column bound, is a located error read
/// without holding the line, not an out-of-memory.</summary>
public class DataLimitTests
{
    private const string Header = TestExperiments.ParkinsonLikeHeader;
    private static readonly string[] Used = DataFileErrorTests.Used;

    [Fact]
    public void A_line_longer_than_the_bound_is_refused_at_the_character_past_it()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3,4\n" + new string('9', (3 * InputLimits.DataLineCharacters) + 17) + "\n1,72,0,1,2,3,4\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Location.ShouldBe(new SourceLocation(DataFileErrorTests.DisplayOf(folder), 3, InputLimits.DataLineCharacters + 1));
        error.Detail.ShouldBe($"line 3 is longer than {InputLimits.DataLineCharacters} characters (expected one table row per line)");
    }

    [Fact]
    public void A_line_of_exactly_the_bound_is_read()
    {
        using var folder = new TempDataFolder();
        var row = "1,72,0,1,2,3,4";
        var padded = row + new string(' ', InputLimits.DataLineCharacters - row.Length);
        var experiment = folder.Experiment(Header + "\n" + padded + "\r\n" + row + "\n2,73,1,1,2,3,4");

        var table = TabularFileReader.Read(experiment, Used);

        table.RowCount.ShouldBe(3);
    }

    [Fact]
    public void A_last_line_without_a_line_end_is_bounded_too()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3,4\n" + new string('9', InputLimits.DataLineCharacters + 1));

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Location.ShouldBe(new SourceLocation(DataFileErrorTests.DisplayOf(folder), 3, InputLimits.DataLineCharacters + 1));
    }

    [Fact]
    public void A_categorical_column_with_more_categories_than_the_input_bound_is_refused_at_its_declaration()
    {
        using var folder = new TempDataFolder();
        var rows = InputLimits.EncodedInputs + 10;
        folder.Write("data.csv", "id,size,y,g\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"user{i},1,0,{i % 2}\n")));
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  categorical: [id]");

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: ["y"], never: ["y", "g"]));

        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Location.ShouldBe(new SourceLocation(DataYaml.File, 4, 17));
        error.Detail.ShouldBe(
            $"categorical column 'id' ({rows} categories) takes the model inputs to {rows} over {rows} rows (expected at most "
            + $"{InputLimits.EncodedInputs} inputs and {InputLimits.EncodedCells} input values; an identifier or free-text column does not belong under data.categorical)");
    }

    [Fact]
    public void A_header_with_more_columns_than_the_bound_is_refused_at_the_first_field_past_it()
    {
        using var folder = new TempDataFolder();
        var names = Enumerable.Range(0, InputLimits.DataColumns + 5).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var experiment = folder.Experiment(string.Join(',', names) + "\n" + string.Join(',', names.Select(_ => "1")) + "\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        var column = names.Take(InputLimits.DataColumns).Sum(name => name.Length + 1) + 1;
        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Location.ShouldBe(new SourceLocation(DataFileErrorTests.DisplayOf(folder), 1, column));
        error.Detail.ShouldBe($"this line has more than {InputLimits.DataColumns} fields (expected at most {InputLimits.DataColumns} columns)");
    }

    [Fact]
    public void A_data_row_with_more_fields_than_the_bound_is_refused_on_its_line()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment("1 72 0 1 2 3 4\n" + string.Join(' ', Enumerable.Repeat("7", InputLimits.DataColumns + 1)) + "\n",
            TestExperiments.Headerless(DataFormat.Whitespace, TestExperiments.ParkinsonLikeHeader.Split(',')));

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Location!.Line.ShouldBe(2);
        error.Location.Column.ShouldBe((InputLimits.DataColumns * 2) + 1);
    }
}
