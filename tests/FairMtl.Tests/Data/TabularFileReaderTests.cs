using System.Security.Cryptography;
using System.Text;
using FairMtl.Data;
using FairMtl.Spec;

namespace FairMtl.Tests.Data;

public class TabularFileReaderTests
{
    [Fact]
    public void Csv_header_names_are_trimmed_and_only_used_columns_are_parsed()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(
            " subject# , age,sex,test_time,motor_UPDRS,total_UPDRS,Jitter(%)\n" +
            "1,72,0,n/a,28.199,text,3.38e-005\n" +
            "2, 58 ,1,,-1.5e2,,+0.5\n");

        var table = TabularFileReader.Read(experiment, ["age", "Jitter(%)", "motor_UPDRS"]);

        table.ColumnNames.ShouldBe(["subject#", "age", "sex", "test_time", "motor_UPDRS", "total_UPDRS", "Jitter(%)"]);
        table.RowCount.ShouldBe(2);
        table.Column("age").ShouldBe([72.0, 58.0]);
        table.Column("Jitter(%)").ShouldBe([3.38e-5, 0.5]);
        table.Column("motor_UPDRS").ShouldBe([28.199, -150.0]);
    }

    [Fact]
    public void Column_that_was_not_requested_throws_argument_exception()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(TestExperiments.ParkinsonLikeHeader + "\n1,72,0,1,2,3,4\n");

        var table = TabularFileReader.Read(experiment, ["age"]);

        Should.Throw<ArgumentException>(() => table.Column("sex")).Message.ShouldContain("'sex'");
    }

    [Fact]
    public void Quoted_fields_may_hold_delimiters_and_doubled_quotes()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(
            "\"subject#\",age,sex,\"test_time\",motor_UPDRS,total_UPDRS,Jitter(%)\n" +
            "1,\"72\",0,\"said \"\"hi\"\", twice\",\"28.5\",x,1\n");

        var table = TabularFileReader.Read(experiment, ["subject#", "age", "motor_UPDRS", "Jitter(%)"]);

        table.ColumnNames[0].ShouldBe("subject#");
        table.ColumnNames[3].ShouldBe("test_time");
        table.Column("age").ShouldBe([72.0]);
        table.Column("motor_UPDRS").ShouldBe([28.5]);
        table.Column("Jitter(%)").ShouldBe([1.0]);
    }

    [Fact]
    public void Crlf_and_lf_endings_blank_lines_and_a_missing_final_newline_are_accepted()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(
            "\r\n" + TestExperiments.ParkinsonLikeHeader + "\r\n1,72,0,1,2,3,4\r\n\r\n   \t \n2,60,1,1,2,3,5\n\n3,50,0,1,2,3,6");

        var table = TabularFileReader.Read(experiment, ["age", "Jitter(%)"]);

        table.RowCount.ShouldBe(3);
        table.Column("age").ShouldBe([72.0, 60.0, 50.0]);
        table.Column("Jitter(%)").ShouldBe([4.0, 5.0, 6.0]);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_not_part_of_the_first_name()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment("\uFEFF" + TestExperiments.ParkinsonLikeHeader + "\n1,72,0,1,2,3,4\n");

        var table = TabularFileReader.Read(experiment, ["subject#"]);

        table.ColumnNames[0].ShouldBe("subject#");
        table.Column("subject#").ShouldBe([1.0]);
    }

    [Fact]
    public void Csv_delimiter_comes_from_the_spec()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.ParkinsonLikeSpec();
        spec = spec with { Data = spec.Data with { Delimiter = ';' } };
        var experiment = folder.Experiment(
            TestExperiments.ParkinsonLikeHeader.Replace(',', ';') + "\n1;72;0;1,5;2;3;4\n", spec);

        var table = TabularFileReader.Read(experiment, ["age", "Jitter(%)"]);

        table.ColumnNames.Count.ShouldBe(7);
        table.Column("age").ShouldBe([72.0]);
        table.Column("Jitter(%)").ShouldBe([4.0]);
    }

    [Fact]
    public void Whitespace_format_splits_on_runs_of_blanks_and_tabs_and_ignores_leading_and_trailing_ones()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.Headerless(DataFormat.Whitespace, "a", "b", "c");
        var experiment = folder.Experiment(" 1  2\t\t3 \n\t4 5   6\t\n", spec);

        var table = TabularFileReader.Read(experiment, ["a", "b", "c"]);

        table.ColumnNames.ShouldBe(["a", "b", "c"]);
        table.Column("a").ShouldBe([1.0, 4.0]);
        table.Column("b").ShouldBe([2.0, 5.0]);
        table.Column("c").ShouldBe([3.0, 6.0]);
    }

    [Fact]
    public void Whitespace_format_with_a_header_reads_the_names_from_it()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.WithColumns("a", "b", "c");
        spec = spec with { Data = spec.Data with { Format = DataFormat.Whitespace } };
        var experiment = folder.Experiment("  a   b\tc\n1 2 3\n", spec);

        var table = TabularFileReader.Read(experiment, ["c"]);

        table.ColumnNames.ShouldBe(["a", "b", "c"]);
        table.Column("c").ShouldBe([3.0]);
    }

    [Fact]
    public void Csv_without_header_takes_names_from_the_spec_and_keeps_the_first_line_as_data()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment("1,2,3\n4,5,6\n", TestExperiments.Headerless(DataFormat.Csv, "a", "b", "c"));

        var table = TabularFileReader.Read(experiment, ["b"]);

        table.RowCount.ShouldBe(2);
        table.Column("b").ShouldBe([2.0, 5.0]);
    }

    [Fact]
    public void Sha256_is_lowercase_hex_of_the_file_bytes_and_paths_are_reported()
    {
        using var folder = new TempDataFolder();
        var content = TestExperiments.ParkinsonLikeHeader + "\n1,72,0,1,2,3,4\n";
        var experiment = folder.Experiment(content);

        var table = TabularFileReader.Read(experiment, ["age"]);

        table.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))));
        table.Sha256.ShouldMatch("^[0-9a-f]{64}$");
        table.FullPath.ShouldBe(Path.Combine(folder.Path, "data.csv"));
    }

    [Fact]
    public void Display_path_is_relative_to_the_current_directory_when_under_it()
    {
        using var folder = new TempDataFolder(Environment.CurrentDirectory);
        var experiment = folder.Experiment(TestExperiments.ParkinsonLikeHeader + "\n1,72,0,1,2,3,4\n");

        var table = TabularFileReader.Read(experiment, ["age"]);

        table.DisplayPath.ShouldBe(Path.Combine(Path.GetFileName(folder.Path), "data.csv"));
    }

    [Theory]
    [InlineData("/home/u/exp/data/b.csv", "/home/u/exp", "data/b.csv")]
    [InlineData("/home/u/other/b.csv", "/home/u/exp", "/home/u/other/b.csv")]
    [InlineData("/home/u/exp2/b.csv", "/home/u/exp", "/home/u/exp2/b.csv")]
    [InlineData("/data/b.csv", "/", "data/b.csv")]
    public void Display_path_rule(string full, string current, string expected) =>
        DisplayPaths.For(full, current).ShouldBe(expected);
}
