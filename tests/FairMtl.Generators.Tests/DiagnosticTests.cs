extern alias Generators;

using System.Text;
using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Tests;

public sealed class DiagnosticTests
{
    /// <summary>One broken input per diagnostic the YAML front end and the generator can report at build time.</summary>
    public static readonly (string Name, string Id, AdditionalText[] Inputs)[] Cases =
    [
        ("malformed-yaml", "FMTL001", Small("  trunk: [4]", "  trunk: [4, 8")),
        ("unknown-key", "FMTL002", Small("  batch_size: 64", "  batch_sise: 64")),
        ("invalid-value", "FMTL003", Small("  batch_size: 64", "  batch_size: many")),
        ("unknown-column-in-header", "FMTL004", Small("exclude: [motor_UPDRS, total_UPDRS, test_time, sex]", "exclude: [motor_UPDRS, total_UPDRS, test_tme, sex]")),
        ("unknown-name-in-loss", "FMTL005", Small("loss: alpha * y + (5 - alpha) * z", "loss: alpha * y + (5 - alpha) * zz")),
        ("impossible-range", "FMTL006", Small("alpha: { from: 0.0, to: 4.0, count: 2 }", "alpha: { from: 0.0, to: 4.0, count: 0 }")),
        ("missing-key", "FMTL007", Small("loss: alpha * y + (5 - alpha) * z\n", string.Empty)),
        ("unknown-head", "FMTL008", Small("evaluation:\n  head: y", "evaluation:\n  head: w")),
        ("duplicate-name", "FMTL009", [.. Small("name: small", "name: small"), GeneratorHarness.Text("experiments/small-copy.yaml", Experiments.Small)]),
        ("unreadable-file", "FMTL015", [GeneratorHarness.Text("experiments/unreadable.yaml", null)]),
        ("yaml-tag", "FMTL001", Small("name: small", "name: small\ndescription: !!python/object/apply:os.system [\"echo owned\"]")),
        ("alias-bomb", "FMTL018", Small("name: small", "name: small\n" + AliasBomb)),
        ("deep-nesting", "FMTL018", Small("name: small", "name: small\ndescription: " + new string('[', 10_000))),
        ("sweep-too-large", "FMTL018", Small("alpha: { from: 0.0, to: 4.0, count: 2 }", "alpha: { from: 0.0, to: 4.0, count: 1000000000000 }")),
        ("internal-error", "FMTL099", [new ThrowingAdditionalText(GeneratorHarness.Root + "experiments/throws.yaml")]),
    ];

    /// <summary>Nested aliases, each anchor a list of 9 aliases of the previous one (9^9 nodes expanded), refused at
    /// the alias that takes the expansion past its bound.</summary>
    private static string AliasBomb =>
        "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + string.Concat("bcdefghi".Select((name, i) => $"{name}: &{name} [{string.Join(", ", Enumerable.Repeat("*" + "abcdefghi"[i], 9))}]\n"));

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_broken_input_reports_its_diagnostic_and_generates_no_experiment(string name)
    {
        var (_, id, inputs) = Cases.Single(c => c.Name == name);

        var run = GeneratorHarness.Run(inputs);

        run.Diagnostics.Select(d => d.Id).Distinct().ShouldBe([id]);
        run.Diagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Error);
        run.Diagnostics.ShouldNotContain(d => d.Id == "CS8785");
        run.HintNames.Count().ShouldBe(id == "FMTL009" || id == "FMTL004" ? 2 : 1);
    }

    [Fact]
    public void The_diagnostics_of_the_broken_inputs_match_the_approved_snapshot()
    {
        var received = new StringBuilder();
        foreach (var (name, _, inputs) in Cases)
        {
            received.Append("## ").Append(name).Append('\n');
            foreach (var line in GeneratorHarness.Run(inputs).DiagnosticLines)
            {
                received.Append(line).Append('\n');
            }

            received.Append('\n');
        }

        ApprovedSnapshot.Match(received.ToString(), "broken-inputs");
    }

    [Fact]
    public void Every_reported_id_has_a_descriptor_with_a_title_and_a_description_and_is_tracked_for_release()
    {
        var unshipped = File.ReadAllText(Path.Combine(GeneratorHarness.RepositoryRoot, "generators/FairMtl.Generators/AnalyzerReleases.Unshipped.md"));
        var ids = Cases.Select(c => c.Id).Append("FMTL016").Distinct().ToArray();

        foreach (var id in ids)
        {
            var descriptor = Generators::FairMtl.Generators.Diagnostics.DiagnosticDescriptors.Find(id).ShouldNotBeNull();
            descriptor.Category.ShouldBe("FairMtl");
            descriptor.DefaultSeverity.ShouldBe(DiagnosticSeverity.Error);
            descriptor.Title.ToString().ShouldNotBeNullOrWhiteSpace();
            descriptor.Description.ToString().Length.ShouldBeGreaterThan(40);
            unshipped.ShouldContain($"{id} | FairMtl | Error |");
        }
    }

    [Fact]
    public void An_exception_inside_the_generator_is_reported_as_FMTL099_at_the_file_not_as_CS8785()
    {
        var run = GeneratorHarness.Run([new ThrowingAdditionalText(GeneratorHarness.Root + "experiments/throws.yaml")]);

        run.Result.Exception.ShouldBeNull();
        run.DiagnosticLines.ShouldBe(
        [
            "FMTL099 experiments/throws.yaml(1,1): internal error in the FairMtl generator while reading "
            + "'/repo/experiments/throws.yaml': InvalidOperationException: simulated failure inside the generator",
        ]);
        run.Output.GetDiagnostics().ShouldNotContain(d => d.Id == "CS8785");
    }

    [Fact]
    public void A_broken_experiment_does_not_stop_the_others()
    {
        var run = GeneratorHarness.Run(
        [
            .. Experiments.All(),
            .. Small("  batch_size: 64", "  batch_size: many"),
            new ThrowingAdditionalText(GeneratorHarness.Root + "experiments/throws.yaml"),
        ]);

        run.Diagnostics.Select(d => d.Id).Order().ShouldBe(["FMTL003", "FMTL099"]);
        run.HintNames.ShouldContain("FairMtl.Generated.Experiments.Boston.g.cs");
        run.HintNames.ShouldContain("FairMtl.Generated.Experiments.Parkinson.g.cs");
        run.Source("FairMtl.Generated.ExperimentRegistry.g.cs").ShouldContain("Parkinson.Compiled");
    }

    /// <summary>The small experiment with one edit, and the data file it reads.</summary>
    internal static AdditionalText[] Small(string find, string replacement)
    {
        Experiments.Small.ShouldContain(find);
        return
        [
            GeneratorHarness.Text("experiments/small.yaml", Experiments.Small.Replace(find, replacement, StringComparison.Ordinal)),
            GeneratorHarness.RepoFile(Experiments.ParkinsonData),
        ];
    }
}
