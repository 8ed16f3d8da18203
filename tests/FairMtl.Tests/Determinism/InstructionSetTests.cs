using System.Text.Json;
using System.Text.RegularExpressions;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;

namespace FairMtl.Tests.Determinism;

/// <summary>
/// The same experiment and seeds give byte-identical result files with one or two threads and with AVX-512, AVX2 or
/// no SIMD at all, each run in its own host process with the runtime's instruction-set switches.
/// </summary>
public class InstructionSetTests
{
    public static TheoryData<string> Experiments => new() { "parkinson", "boston" };

    [Theory]
    [MemberData(nameof(Experiments))]
    public async Task Result_files_are_identical_across_threads_and_instruction_sets(string name)
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, name, text => text
            .Replace("alpha: [0.0, 2.5, 4.9]", "alpha: [0.5, 2.5, 4.5]")
            .Replace("seeds: [42]", "seeds: [1, 2]")
            .Replace("batch_norm: false", "batch_norm: true")
            .Replace("dropout: 0.0", "dropout: 0.1")
            .Replace("task: regression }", "task: regression, hidden: [8] }"));
        var text = File.ReadAllText(path);
        foreach (var edit in new[] { "alpha: [0.5, 2.5, 4.5]", "seeds: [1, 2]", "batch_norm: true", "dropout: 0.1", "hidden: [8]" })
        {
            text.ShouldContain(edit, Case.Sensitive, "every kernel (batch norm, dropout, head layers) should be exercised");
        }

        await ShouldWriteIdenticalFilesEverywhereAsync(folder, path, "baseline.csv", "sweep.csv", "pareto.csv");
    }

    [Fact]
    public async Task A_conditional_sweep_gives_identical_files_across_threads_and_instruction_sets()
    {
        // FiLM, per-row draws and per-row loss weights, with batch normalisation and dropout before the modulation.
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "parkinson-conditional", text => text
            .Replace("seeds: [42, 43, 44, 45, 46, 47, 48, 49, 50, 51]", "seeds: [1, 2]")
            .Replace("epochs: 200, grid: 99", "epochs: 2, grid: 7")
            .Replace("batch_norm: false", "batch_norm: true")
            .Replace("dropout: 0.0", "dropout: 0.1"));
        var text = File.ReadAllText(path);
        foreach (var edit in new[] { "seeds: [1, 2]", "sampling: per-row", "film: true", "epochs: 2, grid: 7", "batch_norm: true", "dropout: 0.1" })
        {
            text.ShouldContain(edit, Case.Sensitive);
        }

        await ShouldWriteIdenticalFilesEverywhereAsync(folder, path, "baseline.csv", "sweep.csv", "grid.csv", "pareto.csv");
    }

    [Fact]
    public async Task A_conditional_front_gives_identical_files_across_threads_and_instruction_sets()
    {
        // One-hot inputs with the conditioning column after them, FiLM, and the routes interpolated at each batch's draw.
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "adult-sex-conditional", text => text
            .Replace("protocol: { repetitions: 10, seed: 0 }", "protocol: { repetitions: 1, seed: 0 }")
            .Replace("conditional: { sampling: per-batch, distribution: uniform, film: true, epochs: 40, grid: 33 }", "conditional: { sampling: per-batch, distribution: uniform, film: true, epochs: 2, grid: 5 }")
            .Replace("  missing: [\"?\"]", "  missing: [\"?\"]\n  filter: [\"age < 25\"]"));
        var text = File.ReadAllText(path);
        foreach (var edit in new[] { "repetitions: 1,", "film: true, epochs: 2, grid: 5 }", "filter: [\"age < 25\"]" })
        {
            text.ShouldContain(edit, Case.Sensitive);
        }

        await ShouldWriteIdenticalFilesEverywhereAsync(folder, path, "methods.csv", "runs.csv", "front.csv", "grid.csv");
    }

    [Fact]
    public async Task Conditional_multi_task_settings_drawn_per_row_give_identical_files_across_threads_and_instruction_sets()
    {
        // Five conditioning variables, the routes of MTA-F interpolated at 32 corners, a weight per row in every term.
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "adult-mtaf-conditional", text => text
            .Replace("runs: 100,", "runs: 3,")
            .Replace("conditional: { epochs: 80, grid: 100 }", "conditional: { sampling: per-row, epochs: 2, grid: 3 }")
            .Replace("protocol: { repetitions: 10,", "protocol: { repetitions: 1,")
            .Replace("epochs: 10", "epochs: 1")
            .Replace("  missing: [\"?\"]", "  missing: [\"?\"]\n  filter: [\"age < 25\"]"));
        var text = File.ReadAllText(path);
        foreach (var edit in new[] { "runs: 3,", "sampling: per-row, epochs: 2, grid: 3", "repetitions: 1,", "filter: [\"age < 25\"]" })
        {
            text.ShouldContain(edit, Case.Sensitive);
        }

        await ShouldWriteIdenticalFilesEverywhereAsync(folder, path, "methods.csv", "runs.csv", "grid.csv", "references.csv");
    }

    [Fact]
    public async Task A_comparison_on_one_hot_data_gives_identical_files_across_threads_and_instruction_sets()
    {
        // Adult's inputs are mostly one-hot: its first layer runs over the non-zero inputs only (SparseRows).
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "adult-sex", text => text
            .Replace("protocol: { repetitions: 10, seed: 0 }", "protocol: { repetitions: 1, seed: 0 }")
            .Replace("  missing: [\"?\"]", "  missing: [\"?\"]\n  filter: [\"age < 25\"]   # a sixth of the rows: the test is about bits, not about Adult"));
        File.ReadAllText(path).ShouldContain("repetitions: 1,");
        File.ReadAllText(path).ShouldContain("filter: [\"age < 25\"]");

        await ShouldWriteIdenticalFilesEverywhereAsync(folder, path, "methods.csv", "runs.csv", "front.csv");
    }

    [Fact]
    public async Task The_score_MMD_of_MTA_F_gives_identical_files_across_threads_and_instruction_sets()
    {
        // The MMD's kernels are computed four at a time with PortableExp; every other platform difference would show.
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "adult-mtaf", text => text
            .Replace("  BASE-CORR: { kind: fair-multi-task, loss: corr }\n", string.Empty)
            .Replace("  BASE-FPR: { kind: fair-multi-task, loss: fpr-gap }\n", string.Empty)
            .Replace("  MTAF-CORR: { kind: mta-f, loss: corr }\n", string.Empty)
            .Replace("  MTAF-FPR: { kind: mta-f, loss: fpr-gap }\n", string.Empty)
            .Replace("runs: 100,", "runs: 2,")
            .Replace("epochs: 10", "epochs: 2")
            .Replace("  missing: [\"?\"]", "  missing: [\"?\"]\n  filter: [\"age < 25\"]"));
        var text = File.ReadAllText(path);
        text.ShouldNotContain("MTAF-CORR:");
        text.ShouldContain("runs: 2,");
        text.ShouldContain("epochs: 2");
        text.ShouldContain("filter: [\"age < 25\"]");

        await ShouldWriteIdenticalFilesEverywhereAsync(folder, path, "methods.csv", "runs.csv", "references.csv");
    }

    [Fact]
    public async Task Learned_embeddings_give_identical_files_across_threads_and_instruction_sets_and_differ_from_one_hot_inputs()
    {
        using var folder = new TempDataFolder();
        string Reduced(string text) => text
            .Replace("protocol: { repetitions: 10, seed: 0 }", "protocol: { repetitions: 1, seed: 0 }")
            .Replace("  missing: [\"?\"]", "  missing: [\"?\"]\n  filter: [\"age < 25\"]");
        var oneHot = HostRun.SmallExperiment(folder, "adult-sex", Reduced);
        var embedded = folder.Write("adult-sex-embedded.yaml", File.ReadAllText(oneHot)
            .Replace("name: adult-sex", "name: adult-sex-embedded")
            .Replace("  categorical: [", "  embeddings: { education: 3, occupation: 2 }\n  categorical: ["));
        File.ReadAllText(embedded).ShouldContain("embeddings: { education: 3, occupation: 2 }");

        var reference = await ShouldWriteIdenticalFilesEverywhereAsync(folder, embedded, "methods.csv", "runs.csv", "front.csv");

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(reference, "summary.json")));
        var embeddings = summary.RootElement.GetProperty("spec").GetProperty("data").GetProperty("embeddings");
        embeddings.EnumerateArray().Select(e => $"{e.GetProperty("column").GetString()}:{e.GetProperty("width").GetInt32()}").ShouldBe(["education:3", "occupation:2"]);

        var oneHotOut = Path.Combine(folder.Path, "one-hot");
        (await RunHostAsync([oneHot, "--out", oneHotOut, "--threads", "2"], null)).Code.ShouldBe(0);
        File.ReadAllText(Path.Combine(oneHotOut, "runs.csv")).ShouldNotBe(File.ReadAllText(Path.Combine(reference, "runs.csv")));
    }

    [Fact]
    public async Task A_fairmt_experiment_gives_identical_files_across_threads_and_instruction_sets()
    {
        // Binary (labels of one group removed on purpose), standardised regression and multi-label heads under one
        // constraint; the penalty and primal-dual methods at one point each.
        using var folder = new TempDataFolder();
        // Patterns rather than the file's exact numbers: the experiment's protocol may change, the test's scale should not.
        var path = HostRun.SmallExperiment(folder, "adult-fairmt", text => Regex.Replace(
                Regex.Replace(Regex.Replace(text, @"protocol: \{ repetitions: \d+,", "protocol: { repetitions: 1,"), @"\nsweep: \{[^\n]*\}", "\nsweep: { lambda: [1], epsilon: [0.0] }"),
                @"\n  epochs: \d+",
                "\n  epochs: 2")
            .Replace("  missing: [\"?\"]", "  missing: [\"?\"]\n  filter: [\"age < 25\"]"));
        var text = File.ReadAllText(path);
        foreach (var edit in new[] { "repetitions: 1,", "lambda: [1]", "epochs: 2", "filter: [\"age < 25\"]" })
        {
            text.ShouldContain(edit, Case.Sensitive);
        }

        await ShouldWriteIdenticalFilesEverywhereAsync(folder, path, "methods.csv", "runs.csv", "task-income.csv", "task-hours.csv", "task-capital.csv");
    }

    /// <summary>
    /// Runs the host on <paramref name="path"/> with 1 and 2 threads and with AVX-512, AVX2 or all SIMD disabled (each
    /// run's summary.json must show the switch took effect), and asserts that every run writes <paramref name="files"/>
    /// byte for byte as the first; returns the first run's folder.
    /// </summary>
    private static async Task<string> ShouldWriteIdenticalFilesEverywhereAsync(TempDataFolder folder, string path, params string[] files)
    {
        var settings = new (string Name, string Threads, string? Variable, string SimdFlag, bool Accelerated)[]
        {
            ("threads-1", "1", null, "vector256", true),
            ("threads-2", "2", null, "vector256", true),
            ("no-avx512", "2", "DOTNET_EnableAVX512", "vector512", false),
            ("no-avx2", "2", "DOTNET_EnableAVX2", "vector256", false),
            ("no-simd", "2", "DOTNET_EnableHWIntrinsic", "vector128", false),
        };

        string? reference = null;
        foreach (var setting in settings)
        {
            var outDirectory = Path.Combine(folder.Path, setting.Name);
            var (code, error) = await RunHostAsync([path, "--out", outDirectory, "--threads", setting.Threads], setting.Variable);
            code.ShouldBe(0, $"{setting.Name}: {error}");
            using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "summary.json"))))
            {
                summary.RootElement.GetProperty("versions").GetProperty("simd").GetProperty(setting.SimdFlag).GetBoolean()
                    .ShouldBe(setting.Accelerated, $"{setting.Name}: the runtime switch should have taken effect");
            }

            reference ??= outDirectory;
            foreach (var file in files)
            {
                File.ReadAllBytes(Path.Combine(outDirectory, file)).ShouldBe(File.ReadAllBytes(Path.Combine(reference, file)), $"{setting.Name}: {file}");
            }
        }

        return reference!;
    }

    private static async Task<(int Code, string Error)> RunHostAsync(string[] arguments, string? disabledFeature)
    {
        var (code, _, error) = await HostProcess.RunAsync(arguments, environment =>
        {
            foreach (var variable in new[] { "DOTNET_EnableAVX512", "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic" })
            {
                environment.Remove(variable);
            }

            if (disabledFeature is not null)
            {
                environment[disabledFeature] = "0";
            }
        });
        return (code, error);
    }
}
