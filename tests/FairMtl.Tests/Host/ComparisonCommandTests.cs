using FairMtl.Host.Running;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>Comparison experiments through the host's command line.</summary>
public class ComparisonCommandTests
{
    private static string SmallComparison(TempDataFolder folder, Func<string, string>? edit = null) =>
        HostRun.SmallExperiment(folder, "compas-race", text =>
        {
            text = text.Replace("repetitions: 10", "repetitions: 2").Replace("count: 9", "count: 2");
            return edit?.Invoke(text) ?? text;
        });

    [Fact]
    public async Task A_comparison_prints_the_method_and_front_tables_and_writes_its_files()
    {
        using var folder = new TempDataFolder();
        var file = SmallComparison(folder);
        var output = Path.Combine(folder.Path, "out");

        var run = await HostRun.InvokeAsync(file, "--out", output, "--threads", "2");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Error);
        run.Output.ShouldContain("### Methods: mean ± sd over 2 repetitions");
        run.Output.ShouldContain("| MTL-GLD |");
        run.Output.ShouldContain("### Front over lambda: EOD against 1 - AUC");
        run.Output.ShouldContain("Trained 26 models");
        Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["front.csv", "methods.csv", "report.html", "runs.csv", "summary.json"]);
        Directory.GetFiles(Path.Combine(output, "figures")).Select(Path.GetFileName).ShouldBe(["auc-vs-eod.svg"]);
        var methods = File.ReadAllLines(Path.Combine(output, "methods.csv"));
        methods[0].ShouldStartWith("method,kind,lambda,runs,failed,AUC,AUC_sd,Acc,Acc_sd,EOD,EOD_sd,");
        methods.Length.ShouldBe(1 + 9);
        var summary = File.ReadAllText(Path.Combine(output, "summary.json"));
        summary.ShouldContain("\"rows\": 6172");
        summary.ShouldContain("\"rows_filtered_out\": 1042");
        using var json = System.Text.Json.JsonDocument.Parse(summary);
        var spec = json.RootElement.GetProperty("spec");
        spec.GetProperty("protocol").GetProperty("repetitions").GetInt32().ShouldBe(2);
        spec.GetProperty("methods").GetArrayLength().ShouldBe(9);
        spec.GetProperty("methods")[0].GetProperty("kind").GetString().ShouldBe("single-task");
        spec.GetProperty("front").GetProperty("lambdas").GetArrayLength().ShouldBe(2);
        spec.TryGetProperty("is_multi_task", out _).ShouldBeFalse();
        File.ReadAllText(Path.Combine(output, "report.html")).ShouldContain("&quot;methods&quot;");
    }

    [Fact]
    public async Task The_seed_option_moves_every_repetition_and_the_thread_count_changes_nothing()
    {
        using var folder = new TempDataFolder();
        var file = SmallComparison(folder, text => text.Replace("epochs: 2", "epochs: 1"));
        async Task<string> Runs(params string[] extra)
        {
            var output = Path.Combine(folder.Path, Guid.NewGuid().ToString("N"));
            (await HostRun.InvokeAsync([file, "--out", output, .. extra])).ExitCode.ShouldBe(ExitCodes.Success);
            return File.ReadAllText(Path.Combine(output, "runs.csv"));
        }

        var two = await Runs("--threads", "2");
        (await Runs("--threads", "1")).ShouldBe(two);
        var moved = await Runs("--seed", "5");
        moved.ShouldNotBe(two);
        moved.Split('\n')[1].Split(',')[4].ShouldBe("5");
    }

    [Fact]
    public async Task A_mistake_is_one_located_message_exit_code_2_and_nothing_written()
    {
        using var folder = new TempDataFolder();
        var file = SmallComparison(folder, text => text.Replace("privileged: [Caucasian]", "privileged: [Caucasion]"));
        var output = Path.Combine(folder.Path, "out");

        var run = await HostRun.InvokeAsync(file, "--out", output);

        run.ExitCode.ShouldBe(ExitCodes.UserError);
        run.Error.Trim().ShouldMatch(
            @"compas-race\.yaml\(\d+,\d+\): error FMTL008: unknown category 'Caucasion' of column 'race'; did you mean 'Caucasian'\? \(its values: .*\)$");
        run.Error.ShouldNotContain("   at ");
        Directory.Exists(output).ShouldBeFalse();
    }

    [Fact]
    public async Task A_multi_task_comparison_prints_the_selected_points_and_writes_its_files()
    {
        using var folder = new TempDataFolder();
        var file = HostRun.SmallExperiment(folder, "adult-mtaf-fpr", text => text.Replace("runs: 100", "runs: 2").Replace("epochs: 10", "epochs: 1"));
        var output = Path.Combine(folder.Path, "out");

        var run = await HostRun.InvokeAsync(file, "--out", output);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Error);
        run.Output.ShouldContain("methods: MTL, BASE-FPR, MTAF-FPR over 2 random settings; tasks: income, gain");
        run.Output.ShouldContain("### Selected points");
        run.Output.ShouldContain("| MTAF-FPR |");
        run.Output.ShouldContain("Trained 8 models");
        Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["methods.csv", "references.csv", "report.html", "runs.csv", "summary.json"]);
        Directory.GetFiles(Path.Combine(output, "figures")).Select(Path.GetFileName).ShouldBe(["arfg-are.svg"]);
        File.ReadAllLines(Path.Combine(output, "runs.csv")).Length.ShouldBe(1 + 6);
        File.ReadAllText(Path.Combine(output, "summary.json")).ShouldContain("\"kind\": \"multi-task comparison\"");
    }
}
