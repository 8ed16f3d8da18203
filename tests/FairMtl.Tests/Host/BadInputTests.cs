using FairMtl.Host.Running;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>
/// Every kind of bad input gets one clear message naming where the mistake is, exit code 2, and no result files.
/// </summary>
public class BadInputTests
{
    public static TheoryData<string, string, string> YamlMistakes => new()
    {
        { "malformed YAML", "training:\n  optimizer: { name: adam\n", "error FMTL001" },
        { "unknown key", "batch_size: 32|batchsize: 32", "error FMTL002: unknown key 'batchsize' in 'training'; did you mean 'batch_size'?" },
        { "unknown column", "column: motor_UPDRS,|column: motor_UPDRSS,", "error FMTL004: unknown column 'motor_UPDRSS' in data file" },
        { "unknown name in the loss", "(5 - alpha) * z|(5 - alpha) * zz", "error FMTL005: unknown name 'zz' in loss expression; did you mean 'z'?" },
        { "loss syntax error", "loss: alpha * y + (5 - alpha) * z|loss: alpha * (y + z", "error FMTL005" },
        { "impossible range", "alpha: [0.0, 2.5, 4.9]|alpha: { from: 5, to: 1, count: 3 }", "error FMTL006" },
        { "group with no test rows", "rule: binary|rule: threshold\n    threshold: 1000", "error FMTL014" },
        { "missing data file", "parkinsons_updrs.data|missing.data", "error FMTL010" },
    };

    [Theory]
    [MemberData(nameof(YamlMistakes))]
    public async Task A_mistake_in_the_experiment_file_is_reported_with_its_location(string what, string edit, string expected)
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson", text => Apply(text, edit));
        var outDirectory = Path.Combine(folder.Path, "out");
        var run = await HostRun.InvokeAsync(path, "--out", outDirectory);

        run.ExitCode.ShouldBe(ExitCodes.UserError, what);
        run.Error.ShouldContain(expected, Case.Sensitive, what);
        run.Error.ShouldStartWith(path.Replace('\\', '/') + "(", Case.Sensitive, $"{what}: the message names the file, line and column");
        run.Error.ShouldNotContain("   at ", Case.Sensitive, "no stack trace for a user mistake");
        Directory.Exists(outDirectory).ShouldBeFalse(what);
    }

    public static TheoryData<string, string, string> DataMistakes => new()
    {
        { "non-numeric value", "abc", "error FMTL011: non-numeric value 'abc' in column 'age'" },
        { "missing value", "", "error FMTL012" },
        { "NaN spelt by .NET", "NaN", "error FMTL013" },
        { "infinity", "Infinity", "error FMTL013: non-finite value 'Infinity' in column 'age' (expected a finite number)" },
        { "inf", "inf", "error FMTL013: non-finite value 'inf' in column 'age' (expected a finite number)" },
        { "-inf", "-inf", "error FMTL013: non-finite value '-inf' in column 'age' (expected a finite number)" },
        { "YAML's .inf", ".inf", "error FMTL013: non-finite value '.inf' in column 'age' (expected a finite number)" },
        { "overflowing float", "1e999", "error FMTL013: non-finite value '1e999' in column 'age' (expected a finite number)" },
        { "NaN", "nan", "error FMTL013: non-finite value 'nan' in column 'age' (expected a finite number)" },
    };

    [Theory]
    [MemberData(nameof(DataMistakes))]
    public async Task A_bad_value_in_a_used_column_is_reported_at_its_line_and_column(string what, string value, string expected)
    {
        using var folder = new TempDataFolder();
        var original = File.ReadAllLines(Path.Combine(TestExperiments.ExperimentsDirectory, "data/parkinsons-telemonitoring/parkinsons_updrs.data"));
        var fields = original[3].Split(',');
        fields[1] = value; // age, line 4 of the file
        original[3] = string.Join(',', fields);
        var dataPath = folder.Write("bad.data", string.Join('\n', original) + "\n");
        var path = HostRun.SmallExperiment(folder, "parkinson", text => System.Text.RegularExpressions.Regex.Replace(
            text, "file: .*parkinsons_updrs.data", "file: " + dataPath.Replace('\\', '/')));
        var outDirectory = Path.Combine(folder.Path, "out");
        var run = await HostRun.InvokeAsync(path, "--out", outDirectory);

        run.ExitCode.ShouldBe(ExitCodes.UserError, what);
        run.Error.ShouldContain("bad.data(4,", Case.Sensitive, what);
        run.Error.ShouldContain(expected, Case.Sensitive, what);
        Directory.Exists(outDirectory).ShouldBeFalse(what);
    }

    [Fact]
    public async Task A_missing_experiment_file_is_named()
    {
        var run = await HostRun.InvokeAsync("experiments/does-not-exist.yaml");
        run.ExitCode.ShouldBe(ExitCodes.UserError);
        run.Error.ShouldContain("does-not-exist.yaml");
        run.Error.ShouldContain("FMTL015");
    }

    [Theory]
    [InlineData("--threads", "0", "--threads must be at least 1")]
    [InlineData("--threads", "many", "many")]
    [InlineData("--seeds", "3", "--seeds")]
    public async Task A_bad_command_line_is_a_user_error(string option, string value, string expected)
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson");
        var run = await HostRun.InvokeAsync(path, option, value, "--out", Path.Combine(folder.Path, "out"));
        run.ExitCode.ShouldBe(ExitCodes.UserError);
        run.Error.ShouldContain(expected);
        Directory.Exists(Path.Combine(folder.Path, "out")).ShouldBeFalse();
    }

    private static string Apply(string text, string edit)
    {
        var bar = edit.IndexOf('|');
        if (bar < 0)
        {
            return text + edit;
        }

        var (from, to) = (edit[..bar], edit[(bar + 1)..]);
        text.ShouldContain(from, Case.Sensitive, "the test's edit must apply");
        return text.Replace(from, to);
    }
}
