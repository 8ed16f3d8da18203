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
