using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Tests.Data;

public class DataFileErrorTests
{
    private const string Header = TestExperiments.ParkinsonLikeHeader;
    internal static readonly string[] Used = ["subject#", "age", "Jitter(%)", "motor_UPDRS", "sex"];

    [Fact]
    public void Missing_file_is_reported_at_data_file_with_the_resolved_path()
    {
        using var folder = new TempDataFolder();
        var experiment = TestExperiments.Load(TestExperiments.ParkinsonLikeSpec("sub/missing.csv"), folder.Path);

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 3, 9));
        error.Detail.ShouldBe(
            $"data file '{Path.Combine(folder.Path, "sub", "missing.csv")}' not found " +
            $"(expected an existing file; data.file is resolved against '{folder.Path}')");
        error.Message.ShouldStartWith("experiment.yaml(3,9): error FMTL010: data file '");
    }

    [Fact]
    public void Folder_in_place_of_the_data_file_is_reported()
    {
        using var folder = new TempDataFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "data.csv"));
        var experiment = TestExperiments.Load(TestExperiments.ParkinsonLikeSpec(), folder.Path);

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 3, 9));
        error.Detail.ShouldStartWith($"data file '{Path.Combine(folder.Path, "data.csv")}' is a folder (expected a file");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \t\n\r\n")]
    public void Empty_file_is_reported_at_its_first_line(string content)
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(content);

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        var display = DisplayOf(folder);
        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(display, 1, 1));
        error.Detail.ShouldBe($"data file '{display}' is empty (expected a header line and data rows)");
    }

    [Fact]
    public void Header_without_rows_is_reported()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment("\n" + Header + "\n\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        var display = DisplayOf(folder);
        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(display, 2, 1));
        error.Detail.ShouldBe($"data file '{display}' has a header but no data rows (expected at least one row)");
    }

    [Fact]
    public void Headerless_file_whose_field_count_differs_from_data_columns_is_reported()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.Headerless(DataFormat.Whitespace, "a", "b", "c");
        var experiment = folder.Experiment("\n1 2\n3 4\n", spec);

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, ["a"]));

        var display = DisplayOf(folder);
        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(display, 2, 1));
        error.Detail.ShouldBe(
            $"the first row of '{display}' has 2 fields but data.columns names 3 columns (expected one name per field)");
    }

    [Fact]
    public void Duplicate_name_of_a_used_column_with_differing_values_is_reported_at_its_second_occurrence_in_the_header()
    {
        using var folder = new TempDataFolder();
        var header = "subject#,age,sex,test_time,motor_UPDRS,total_UPDRS,Jitter(%),age";
        var experiment = folder.Experiment(header + "\n1,72,0,1,2,3,4,72\n1,72,0,1,2,3,4,5\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        var display = DisplayOf(folder);
        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(display, 1, header.LastIndexOf("age", StringComparison.Ordinal) + 1));
        error.Detail.ShouldBe(
            $"column 'age' appears twice in '{display}' (columns 2 and 8) and the two differ on line 3 of '{display}' ('72' and '5'); " +
            "expected unique names, or identical values, for the columns the experiment uses");
    }

    [Fact]
    public void Duplicate_name_of_a_used_column_with_identical_values_reads_the_first_column()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + ",age\n1,72,0,1,2,3,4, 72\n2,60,1,1,2,3,4,60\n");

        var table = TabularFileReader.Read(experiment, Used);

        table.Column("age").ShouldBe([72.0, 60.0]);
        table.Locate("age", 1).Column.ShouldBe(3);
    }

    [Fact]
    public void Duplicate_name_of_an_unused_column_is_accepted()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + ",test_time\n1,72,0,1,2,3,4,x\n");

        var table = TabularFileReader.Read(experiment, Used);

        table.ColumnNames.Count.ShouldBe(8);
        table.Column("age").ShouldBe([72.0]);
    }

    [Fact]
    public void Duplicate_name_in_data_columns_is_reported_at_data_columns()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.Headerless(DataFormat.Csv, "a", "b", "a");
        var experiment = folder.Experiment("1,2,3\n", spec);

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, ["a"]));

        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 4, 12));
        error.Detail.ShouldContain("column 'a' appears twice");
    }

    [Fact]
    public void Row_with_too_many_fields_is_reported_at_the_first_extra_field()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3,4\n1,72,0,1,2,3,4,99\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(DisplayOf(folder), 3, 16));
        error.Detail.ShouldBe("row has 8 fields (expected 7, one per column)");
    }

    [Fact]
    public void Short_row_missing_a_used_column_is_a_missing_value_at_the_end_of_the_line()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.MissingValue);
        error.Location.ShouldBe(new SourceLocation(DisplayOf(folder), 2, 13));
        error.Detail.ShouldBe("missing value for column 'Jitter(%)': row has 6 fields (expected 7, one per column)");
    }

    [Fact]
    public void Short_row_missing_only_unused_columns_is_still_malformed()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + ",note\n1,72,0,1,2,3,4,a\n1,72,0,1,2,3,4\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(DisplayOf(folder), 3, 15));
        error.Detail.ShouldBe("row has 7 fields (expected 8, one per column)");
    }

    [Fact]
    public void Non_numeric_value_is_reported_at_its_line_and_column()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3,4\n\n2, abc ,1,1,2,3,4\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        var display = DisplayOf(folder);
        error.Code.ShouldBe(DiagnosticCodes.NonNumeric);
        error.Location.ShouldBe(new SourceLocation(display, 4, 3));
        error.Detail.ShouldBe("non-numeric value 'abc' in column 'age' (expected a number)");
        error.Message.ShouldBe($"{display}(4,3): error FMTL011: non-numeric value 'abc' in column 'age' (expected a number)");
    }

    [Fact]
    public void Non_numeric_value_in_whitespace_format_points_at_the_field_start()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.Headerless(DataFormat.Whitespace, "a", "b", "c");
        var experiment = folder.Experiment("  1   2  3\n  4  x5  6\n", spec);

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, ["b"]));

        error.Code.ShouldBe(DiagnosticCodes.NonNumeric);
        error.Location.ShouldBe(new SourceLocation(DisplayOf(folder), 2, 6));
        error.Detail.ShouldBe("non-numeric value 'x5' in column 'b' (expected a number)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_field_in_a_used_column_is_a_missing_value(string field)
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + $"\n1,72,0,1,2,3,4\n2,{field},1,1,2,3,4\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.MissingValue);
        error.Location.ShouldBe(new SourceLocation(DisplayOf(folder), 3, 3));
        error.Detail.ShouldBe("empty value in column 'age' (expected a number)");
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Non_finite_value_is_reported(string value)
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + $"\n1,72,0,1,2,3,{value}\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.NonFinite);
        error.Location.ShouldBe(new SourceLocation(DisplayOf(folder), 2, 14));
        error.Detail.ShouldBe($"non-finite value '{value}' in column 'Jitter(%)' (expected a finite number)");
    }

    [Fact]
    public void Text_in_unused_columns_is_never_parsed()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + "\n1,72,0,NaN,2,abc,4\n");

        TabularFileReader.Read(experiment, Used).Column("age").ShouldBe([72.0]);
    }

    [Fact]
    public void Unterminated_quote_is_reported_at_the_opening_quote()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + "\n1,\"72,0,1,2,3,4\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(DisplayOf(folder), 2, 3));
        error.Detail.ShouldBe("unterminated quoted field (expected a closing '\"' on the same line)");
    }

    [Fact]
    public void Text_after_a_closing_quote_is_reported()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + "\n1,\"72\"x,0,1,2,3,4\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, Used));

        error.Code.ShouldBe(DiagnosticCodes.DataFile);
        error.Location.ShouldBe(new SourceLocation(DisplayOf(folder), 2, 7));
        error.Detail.ShouldBe("unexpected 'x' after a quoted field (expected the delimiter ',' or the end of the line)");
    }

    [Fact]
    public void Unknown_include_entry_is_reported_at_its_yaml_location_with_a_suggestion()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.ParkinsonLikeSpec();
        spec = spec with
        {
            Data = spec.Data with { Features = new FeatureSelection(new[] { "age", "Jiter(%)" }, EquatableArray<string>.Empty) },
        };
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3,4\n", spec);

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.UnknownColumn);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 6, 25));
        error.Detail.ShouldBe($"unknown column 'Jiter(%)' in data file '{DisplayOf(folder)}'; did you mean 'Jitter(%)'?");
    }

    [Fact]
    public void Unknown_exclude_entry_is_reported_at_its_yaml_location()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.ParkinsonLikeSpec();
        spec = spec with
        {
            Data = spec.Data with
            {
                Features = new FeatureSelection(
                    EquatableArray<string>.Empty, new[] { "motor_UPDRS", "total_UPDRSS", "test_time", "sex" }),
            },
        };
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3,4\n", spec);

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, ["age"]));

        error.Code.ShouldBe(DiagnosticCodes.UnknownColumn);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 7, 25));
        error.Detail.ShouldBe(
            $"unknown column 'total_UPDRSS' in data file '{DisplayOf(folder)}'; did you mean 'total_UPDRS'?");
    }

    [Fact]
    public void Unknown_head_column_is_reported_at_the_head()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.ParkinsonLikeSpec();
        spec = spec with { Heads = new[] { spec.Heads[0] with { Column = "motor_UPDR" }, spec.Heads[1] } };
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3,4\n", spec);

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.UnknownColumn);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 13, 16));
        error.Detail.ShouldBe($"unknown column 'motor_UPDR' in data file '{DisplayOf(folder)}'; did you mean 'motor_UPDRS'?");
    }

    [Fact]
    public void Unknown_group_column_without_a_near_name_lists_the_columns()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.ParkinsonLikeSpec();
        spec = spec with { Data = spec.Data with { Groups = spec.Data.Groups with { Column = "gender_code" } } };
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3,4\n", spec);

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.UnknownColumn);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 10, 13));
        error.Detail.ShouldBe(
            $"unknown column 'gender_code' in data file '{DisplayOf(folder)}' " +
            "(expected one of: subject#, age, sex, test_time, motor_UPDRS, total_UPDRS, Jitter(%))");
    }

    [Fact]
    public void Unknown_requested_column_that_the_spec_does_not_name_is_reported_at_data_file()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Header + "\n1,72,0,1,2,3,4\n");

        var error = Should.Throw<FairMtlException>(() => TabularFileReader.Read(experiment, ["age", "weight"]));

        error.Code.ShouldBe(DiagnosticCodes.UnknownColumn);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 3, 9));
        error.Detail.ShouldStartWith("unknown column 'weight' in data file");
    }

    internal static string DisplayOf(TempDataFolder folder) =>
        DisplayPaths.For(Path.Combine(folder.Path, "data.csv"), Environment.CurrentDirectory);
}
