using System.Text.RegularExpressions;
using FairMtl.Diagnostics;
using FairMtl.Host.Running;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Host;

namespace FairMtl.Tests.Data;

/// <summary>
/// A regression sweep whose protected attribute and binary head are a text column (<c>Sex</c> = <c>MALE</c> /
/// <c>FEMALE</c>, the usual shape of such data) is declared as a comparison declares it (<c>privileged</c>,
/// <c>positive</c>) and gives the numbers of the same data coded 0/1.
/// </summary>
public class TextAttributeTests
{
    private static readonly string DataPath = Path.Combine(TestExperiments.ExperimentsDirectory, "data/parkinsons-telemonitoring/parkinsons_updrs.data");

    /// <summary>The Parkinson data with its sex column (0 = male, 1 = female) written as MALE / FEMALE.</summary>
    private static string WithTextSex(TempDataFolder folder, string male = "MALE", string female = "FEMALE")
    {
        var lines = File.ReadAllLines(DataPath);
        var sex = Array.IndexOf(lines[0].Split(','), "sex");
        var recoded = lines.Select((line, i) =>
        {
            if (i == 0)
            {
                return line;
            }

            var fields = line.Split(',');
            fields[sex] = fields[sex] switch { "0" => male, "1" => female, var other => throw new InvalidDataException(other) };
            return string.Join(',', fields);
        });
        return folder.Write("text-sex.data", string.Join('\n', recoded) + "\n").Replace('\\', '/');
    }

    private static string TextExperiment(TempDataFolder folder, Func<string, string>? edit = null, string male = "MALE", string female = "FEMALE")
    {
        var data = WithTextSex(folder, male, female);
        return HostRun.SmallExperiment(folder, "parkinson", text =>
        {
            text = Regex.Replace(text, "file: .*parkinsons_updrs.data", "file: " + data)
                .Replace("    rule: binary\n", "    privileged: [FEMALE]\n", StringComparison.Ordinal)
                .Replace("z: { column: sex, task: binary }", "z: { column: sex, task: binary, positive: [FEMALE] }", StringComparison.Ordinal);
            return edit?.Invoke(text) ?? text;
        });
    }

    [Fact]
    public async Task A_text_protected_attribute_and_a_text_binary_head_give_the_numbers_of_the_data_coded_0_1()
    {
        using var folder = new TempDataFolder();
        var text = TextExperiment(folder, yaml => yaml.Replace("name: parkinson", "name: text", StringComparison.Ordinal));
        File.ReadAllText(text).ShouldContain("privileged: [FEMALE]");
        File.ReadAllText(text).ShouldContain("positive: [FEMALE]");

        var output = await ShouldGiveTheCodedTables(folder, text);

        output.ShouldContain("groups: sex in {FEMALE}: female ");
    }

    [Fact]
    public void A_listed_value_the_column_does_not_hold_is_located_with_the_nearest_one()
    {
        using var folder = new TempDataFolder();
        var path = TextExperiment(folder, yaml => yaml.Replace("privileged: [FEMALE]", "privileged: [FEMAL]", StringComparison.Ordinal));
        var experiment = ExperimentYamlReader.Load(path);

        var error = Should.Throw<FairMtlException>(() => FairMtl.Data.DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.UnknownReference);
        error.Message.ShouldStartWith(path.Replace('\\', '/') + "(");
        error.Detail.ShouldBe("unknown category 'FEMAL' of column 'sex'; did you mean 'FEMALE'? (its values: FEMALE, MALE)");
    }

    [Fact]
    public void A_text_column_without_listed_values_says_what_to_declare()
    {
        using var folder = new TempDataFolder();
        var path = TextExperiment(folder, yaml => yaml.Replace("    privileged: [FEMALE]\n", "    rule: binary\n", StringComparison.Ordinal));
        var experiment = ExperimentYamlReader.Load(path);

        var error = Should.Throw<FairMtlException>(() => FairMtl.Data.DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.NonNumeric);
        error.Detail.ShouldContain("non-numeric value 'MALE' in column 'sex'");
    }

    [Fact]
    public async Task A_binary_head_above_a_number_gives_the_numbers_of_the_same_labels_written_0_1()
    {
        // Parkinson's sex is 0/1: 'above: 0.5' on the same column gives the same labels, so the same tables.
        using var folder = new TempDataFolder();
        var above = HostRun.SmallExperiment(folder, "parkinson", text => text
            .Replace("name: parkinson", "name: above", StringComparison.Ordinal)
            .Replace("z: { column: sex, task: binary }", "z: { column: sex, task: binary, above: 0.5 }", StringComparison.Ordinal));
        File.ReadAllText(above).ShouldContain("above: 0.5");

        await ShouldGiveTheCodedTables(folder, above);

        ExperimentYamlReader.Load(above).Spec.Heads[1].Above.ShouldBe(0.5);
    }

    [Fact]
    public async Task A_group_declared_as_a_range_gives_the_numbers_of_the_same_group_declared_binary()
    {
        // Parkinson's sex is 0/1: the range [1, 1] is group 1 = the rows with 1, the binary rule's group 1.
        using var folder = new TempDataFolder();
        var range = HostRun.SmallExperiment(folder, "parkinson", text => text
            .Replace("name: parkinson", "name: range", StringComparison.Ordinal)
            .Replace("    rule: binary\n", "    range: [1, 1]\n", StringComparison.Ordinal));
        File.ReadAllText(range).ShouldContain("range: [1, 1]");

        var output = await ShouldGiveTheCodedTables(folder, range);

        output.ShouldContain("groups: sex in [1, 1]: female ");
        var groups = ExperimentYamlReader.Load(range).Spec.Data.Groups;
        (groups.Rule, groups.Low, groups.High).ShouldBe((FairMtl.Spec.GroupRule.Range, 1d, 1d));
    }

    [Fact]
    public async Task A_text_group_column_without_a_rule_is_grouped_by_its_two_values_and_gives_the_coded_numbers()
    {
        // No rule: the groups are the column's two values in ordinal order (M, W: male is group 0 as when coded 0/1),
        // named by them.
        using var folder = new TempDataFolder();
        var text = TextExperiment(
            folder,
            yaml => yaml
                .Replace("name: parkinson", "name: categories", StringComparison.Ordinal)
                .Replace("    privileged: [FEMALE]\n", string.Empty, StringComparison.Ordinal)
                .Replace("    labels: [male, female]\n", string.Empty, StringComparison.Ordinal)
                .Replace("positive: [FEMALE]", "positive: [W]", StringComparison.Ordinal),
            male: "M",
            female: "W");
        var groups = ExperimentYamlReader.Load(text).Spec.Data.Groups;
        (groups.Rule, groups.Labels.Count).ShouldBe((FairMtl.Spec.GroupRule.Categories, 0));

        var output = await ShouldGiveTheCodedTables(folder, text);

        output.ShouldContain("groups: sex = W: W ");
    }

    [Fact]
    public void Unknown_values_leave_their_rows_out_of_the_groups_and_are_counted()
    {
        using var folder = new TempDataFolder();
        var path = TextExperiment(folder, yaml => yaml.Replace("    privileged: [FEMALE]\n", "    privileged: [FEMALE]\n    unknown: [MALE]\n", StringComparison.Ordinal));
        var experiment = ExperimentYamlReader.Load(path);
        experiment.Spec.Data.Groups.Unknown.ShouldBe(["MALE"]);

        var error = Should.Throw<FairMtlException>(() => FairMtl.Data.DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.Groups, "with every male row unknown, group 0 has no test rows");
        error.Detail.ShouldStartWith("protected group 'male' (group 0) has no test rows (sex in {FEMALE}: female ");
        error.Detail.ShouldContain(" rows, male 0 rows, ");
        error.Detail.ShouldContain(" rows of unknown group)");
    }

    [Fact]
    public void A_sweep_group_column_with_more_than_two_values_says_how_to_make_two_groups()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson", text => text.Replace("column: sex\n    rule: binary\n    labels: [male, female]", "column: age\n    rule: categories", StringComparison.Ordinal));
        var experiment = ExperimentYamlReader.Load(path);

        var error = Should.Throw<FairMtlException>(() => FairMtl.Data.DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.Groups);
        error.Detail.ShouldMatch(@"^column 'age' holds \d+ values \(\d+, \d+, .*, \.\.\.\) and a sweep compares two groups; list the values of group 1 under 'data.groups.privileged', or give a 'range' or 'rule: threshold' / 'rule: median'$");
    }

    [Theory]
    [InlineData("    privileged: [FEMALE]\n", "    privileged: [FEMALE]\n    range: [0, 1]\n", "'data.groups' takes 'privileged' or 'range', not both")]
    [InlineData("    privileged: [FEMALE]\n", "    rule: threshold\n    threshold: 0\n    range: [0, 1]\n", "'data.groups.range' gives the values of group 1 of a numeric column; it does not go with 'rule: threshold' (remove one of the two)")]
    [InlineData("    privileged: [FEMALE]\n", "    rule: range\n", "missing required key 'range' in 'data.groups' (the values of group 1, needed by 'rule: range')")]
    [InlineData("z: { column: sex, task: binary, positive: [FEMALE] }", "z: { column: sex, task: binary, positive: [FEMALE], above: 1 }", "'heads.z' takes 'positive' or 'above', not both")]
    [InlineData("    privileged: [FEMALE]\n", "    rule: median\n    privileged: [FEMALE]\n", "'data.groups.privileged' lists the values of group 1 of a text column; it does not go with 'rule: median' (remove one of the two)")]
    [InlineData("    privileged: [FEMALE]\n", "    rule: privileged\n", "missing required key 'privileged' in 'data.groups' (the values of group 1, needed by 'rule: privileged')")]
    [InlineData("y: { column: motor_UPDRS, task: regression }", "y: { column: motor_UPDRS, task: regression, positive: [x] }", "'heads.y.positive' applies to binary heads only (how a column becomes labels 0 and 1); 'y' is a regression head")]
    public void Listed_values_that_do_not_fit_the_rule_or_the_task_are_refused_at_the_declaration(string find, string replacement, string detail)
    {
        using var folder = new TempDataFolder();
        var path = TextExperiment(folder, yaml => yaml.Replace(find, replacement, StringComparison.Ordinal));

        var error = Should.Throw<FairMtlException>(() => ExperimentYamlReader.Load(path));

        error.Detail.ShouldBe(detail);
        error.Message.ShouldStartWith(path.Replace('\\', '/') + "(");
    }

    /// <summary>Runs <paramref name="experiment"/> and the reduced Parkinson experiment as shipped (sex coded 0/1, a
    /// binary group rule and head) and checks that every table is byte-identical; returns what the first printed.</summary>
    private static async Task<string> ShouldGiveTheCodedTables(TempDataFolder folder, string experiment)
    {
        using var codedFolder = new TempDataFolder(folder.Path);
        var coded = HostRun.SmallExperiment(codedFolder, "parkinson");
        coded.ShouldNotBe(experiment);
        var run = await HostRun.InvokeAsync(experiment, "--out", Path.Combine(folder.Path, "declared"));
        var codedRun = await HostRun.InvokeAsync(coded, "--out", Path.Combine(folder.Path, "coded"));

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Error);
        codedRun.ExitCode.ShouldBe(ExitCodes.Success, codedRun.Error);
        codedRun.Output.ShouldContain("groups: sex = 1: female ");
        File.ReadAllText(coded).ShouldContain("z: { column: sex, task: binary }");
        foreach (var table in new[] { "baseline.csv", "sweep.csv", "pareto.csv", "seeds.csv" })
        {
            File.ReadAllText(Path.Combine(folder.Path, "declared", table)).ShouldBe(File.ReadAllText(Path.Combine(folder.Path, "coded", table)), table);
        }

        File.ReadAllText(Path.Combine(folder.Path, "declared", "sweep.csv")).Split('\n').Length.ShouldBeGreaterThan(3);
        return run.Output;
    }
}
