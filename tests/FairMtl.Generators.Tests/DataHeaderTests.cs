namespace FairMtl.Generators.Tests;

public sealed class DataHeaderTests
{
    private static readonly string BrokenParkinson = GeneratorHarness.ReadRepoFile(Experiments.ParkinsonYaml)
        .Replace("exclude: [motor_UPDRS, total_UPDRS,", "exclude: [motor_UPDR, total_UPDRS,", StringComparison.Ordinal);

    [Fact]
    public void An_unknown_column_in_parkinson_yaml_is_reported_at_the_reference_with_the_nearest_header_column()
    {
        BrokenParkinson.ShouldContain("motor_UPDR,");

        var run = GeneratorHarness.Run([GeneratorHarness.Text(Experiments.ParkinsonYaml, BrokenParkinson), GeneratorHarness.RepoFile(Experiments.ParkinsonData)]);

        var line = BrokenParkinson.Split('\n').ToList().FindIndex(l => l.Contains("motor_UPDR,", StringComparison.Ordinal)) + 1;
        var column = BrokenParkinson.Split('\n')[line - 1].IndexOf("motor_UPDR", StringComparison.Ordinal) + 1;
        run.DiagnosticLines.ShouldBe(
        [
            $"FMTL004 {Experiments.ParkinsonYaml}({line},{column}): unknown column 'motor_UPDR' in data file "
            + "'data/parkinsons-telemonitoring/parkinsons_updrs.data'; did you mean 'motor_UPDRS'?",
        ]);
    }

    [Fact]
    public void Without_the_data_file_among_the_additional_files_the_header_is_not_checked()
    {
        var run = GeneratorHarness.Run([GeneratorHarness.Text(Experiments.ParkinsonYaml, BrokenParkinson)]);

        run.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void A_data_file_at_another_path_is_not_taken_for_the_experiments_data_file()
    {
        var elsewhere = GeneratorHarness.Text("other/parkinsons_updrs.data", GeneratorHarness.ReadRepoFile(Experiments.ParkinsonData));

        var run = GeneratorHarness.Run([GeneratorHarness.Text(Experiments.ParkinsonYaml, BrokenParkinson), elsewhere]);

        run.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void The_repository_experiments_pass_the_header_check_and_every_referenced_column_is_checked()
    {
        GeneratorHarness.Run(Experiments.All()).Diagnostics.ShouldBeEmpty();

        var groupsTypo = GeneratorHarness.ReadRepoFile(Experiments.ParkinsonYaml).Replace("    column: sex\n", "    column: Sex\n", StringComparison.Ordinal);
        var headTypo = GeneratorHarness.ReadRepoFile(Experiments.ParkinsonYaml).Replace("column: motor_UPDRS", "column: motorUPDRS", StringComparison.Ordinal);
        foreach (var (yaml, column) in new[] { (groupsTypo, "Sex"), (headTypo, "motorUPDRS") })
        {
            var run = GeneratorHarness.Run([GeneratorHarness.Text(Experiments.ParkinsonYaml, yaml), GeneratorHarness.RepoFile(Experiments.ParkinsonData)]);
            run.DiagnosticLines.ShouldHaveSingleItem().ShouldContain($"unknown column '{column}'");
        }
    }

    [Fact]
    public void A_file_without_header_is_checked_against_data_columns()
    {
        var broken = GeneratorHarness.ReadRepoFile(Experiments.BostonYaml)
            .Replace("exclude: [MEDV, B]", "exclude: [MEDV, BB]", StringComparison.Ordinal);

        var run = GeneratorHarness.Run([GeneratorHarness.Text(Experiments.BostonYaml, broken)]);

        run.DiagnosticLines.ShouldHaveSingleItem().ShouldEndWith(
            "unknown column 'BB' in data file 'data/boston/housing.data'; did you mean 'B'?");
    }

    [Fact]
    public void The_header_is_the_first_non_blank_line_after_skip_lines()
    {
        var data = "junk that is not a header\n\nmotor_UPDRS,sex,age\n1,0,2\n";
        string Yaml(string skip) => Experiments.Small
            .Replace("  file: data/parkinsons-telemonitoring/parkinsons_updrs.data", "  file: data/skipped.csv" + skip, StringComparison.Ordinal)
            .Replace("exclude: [motor_UPDRS, total_UPDRS, test_time, sex]", "exclude: [motor_UPDRS, sex]", StringComparison.Ordinal);

        var skipped = GeneratorHarness.Run([GeneratorHarness.Text("experiments/small.yaml", Yaml("\n  skip_lines: 1")), GeneratorHarness.Text("experiments/data/skipped.csv", data)]);
        var unskipped = GeneratorHarness.Run([GeneratorHarness.Text("experiments/small.yaml", Yaml(string.Empty)), GeneratorHarness.Text("experiments/data/skipped.csv", data)]);

        skipped.Diagnostics.ShouldBeEmpty();
        unskipped.DiagnosticLines.ShouldNotBeEmpty();
        unskipped.DiagnosticLines.ShouldAllBe(line => line.Contains("in data file 'data/skipped.csv'", StringComparison.Ordinal));
    }

    [Fact]
    public void Filter_and_categorical_columns_are_checked_at_their_list_items()
    {
        var yaml = GeneratorHarness.ReadRepoFile(Experiments.ParkinsonYaml)
            .Replace("  header: true\n", "  header: true\n  filter:\n    - age >= 18\n    - sexx == 1\n  categorical: [subject#, Jitter(%]\n", StringComparison.Ordinal);
        yaml.ShouldContain("sexx == 1");

        var run = GeneratorHarness.Run([GeneratorHarness.Text(Experiments.ParkinsonYaml, yaml), GeneratorHarness.RepoFile(Experiments.ParkinsonData)]);

        var lines = yaml.Split('\n').ToList();
        var filterLine = lines.FindIndex(l => l.Contains("sexx", StringComparison.Ordinal)) + 1;
        var categoricalLine = lines.FindIndex(l => l.Contains("Jitter(%]", StringComparison.Ordinal)) + 1;
        run.DiagnosticLines.ShouldBe(
        [
            $"FMTL004 {Experiments.ParkinsonYaml}({filterLine},7): unknown column 'sexx' in data file "
            + "'data/parkinsons-telemonitoring/parkinsons_updrs.data'; did you mean 'sex'?",
            $"FMTL004 {Experiments.ParkinsonYaml}({categoricalLine},27): unknown column 'Jitter(%' in data file "
            + "'data/parkinsons-telemonitoring/parkinsons_updrs.data'; did you mean 'Jitter(%)'?",
        ]);
    }

    [Fact]
    public void Only_the_data_files_whose_header_an_experiment_checks_are_read()
    {
        var parkinson = new CountingAdditionalText(GeneratorHarness.RepoFile(Experiments.ParkinsonData));
        var boston = new CountingAdditionalText(GeneratorHarness.RepoFile(Experiments.BostonData));
        var unused = new CountingAdditionalText(GeneratorHarness.Text("experiments/data/big/unused.csv", "a,b\n1,2\n"));

        var run = GeneratorHarness.Run(
            [GeneratorHarness.RepoFile(Experiments.BostonYaml), GeneratorHarness.RepoFile(Experiments.ParkinsonYaml), parkinson, boston, unused]);

        run.Diagnostics.ShouldBeEmpty();
        (parkinson.Reads, boston.Reads, unused.Reads).ShouldBe((1, 0, 0)); // boston.yaml has header: false
    }

    [Fact]
    public void A_quoted_csv_header_and_a_custom_delimiter_are_split_like_the_runtime_reader()
    {
        var yaml = Experiments.Small
            .Replace("  file: data/parkinsons-telemonitoring/parkinsons_updrs.data", "  file: data/quoted.csv\n  delimiter: ';'", StringComparison.Ordinal)
            .Replace("exclude: [motor_UPDRS, total_UPDRS, test_time, sex]", "exclude: [motor_UPDRS, \"odd;name\", sex]", StringComparison.Ordinal);
        var data = "\n\"motor_UPDRS\"; sex ;\"odd;name\";\"say \"\"hi\"\"\"\n1;0;2;3\n";

        var clean = GeneratorHarness.Run([GeneratorHarness.Text("experiments/small.yaml", yaml), GeneratorHarness.Text("experiments/data/quoted.csv", data)]);
        var broken = GeneratorHarness.Run(
        [
            GeneratorHarness.Text("experiments/small.yaml", yaml.Replace("\"odd;name\"", "odd", StringComparison.Ordinal)),
            GeneratorHarness.Text("experiments/data/quoted.csv", data),
        ]);

        clean.Diagnostics.ShouldBeEmpty();
        broken.DiagnosticLines.ShouldHaveSingleItem().ShouldContain("unknown column 'odd'");
    }
}
