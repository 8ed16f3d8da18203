using System.Globalization;
using System.Text;
using FairMtl.Comparisons;
using FairMtl.Diagnostics;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Comparisons;

/// <summary>Comparisons end to end on a small synthetic data set whose outcome depends on the group.</summary>
public class ComparisonRunnerTests
{
    internal const string Yaml = """
        name: synthetic
        data:
          file: data.csv
          categorical: [c]
          features: { exclude: [] }
        model: { trunk: [16, 8], dropout: 0.1 }
        tasks:
          y: { column: label, positive: ["yes"] }
        sensitive:
          s: { column: group, privileged: [A] }
        methods:
          STL: { kind: single-task }
          DPL: { kind: regularized, loss: dpl, lambda: 5 }
          BGL: { kind: regularized, loss: bgl, lambda: 1, epsilon: 0.2 }
          ADV: { kind: adversarial, weight: 1 }
          GTD: { kind: group-decomposition }
          MTL-GLF: { kind: auxiliary, loss: glf }
          MTL-GLD: { kind: auxiliary, loss: gld, lambda: 0.3 }
        front: { methods: [MTL-GLF], lambda: [0.2, 0.8] }
        protocol: { repetitions: 2, seed: 3 }
        training:
          optimizer: { name: adam, lr: 0.01 }
          batch_size: 32
          epochs: 8
        """;

    /// <summary>600 rows: x1 drives the label, group A is far more often positive, c is noise.</summary>
    internal static string SyntheticCsv(int rows = 600, Func<int, string>? group = null, Func<int, string>? label = null)
    {
        var random = new Random(17);
        var csv = new StringBuilder("x1,x2,c,group,label\n");
        for (var i = 0; i < rows; i++)
        {
            var isA = random.NextDouble() < 0.5;
            var x1 = (random.NextDouble() * 4) - 2 + (isA ? 0.8 : -0.8);
            var x2 = random.NextDouble();
            var positive = x1 + (0.5 * (random.NextDouble() - 0.5)) > 0.3;
            var c = "pqr"[random.Next(3)];
            csv.Append(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{c},{group?.Invoke(i) ?? (isA ? "A" : "B")},{label?.Invoke(i) ?? (positive ? "yes" : "no")}\n");
        }

        return csv.ToString();
    }

    private static ComparisonResult Run(TempDataFolder folder, string yaml, int threads)
    {
        var loaded = ComparisonYamlReader.Parse(yaml, "synthetic.yaml", folder.Path);
        return ComparisonRunner.Run(loaded, threads, null, CancellationToken.None);
    }

    private static double Mean(ComparisonResult result, string method, string metric) =>
        result.Methods.Single(m => m.Method == method).Means[result.Columns.Select(c => c.Name).ToList().IndexOf(metric)];

    [Fact]
    public void Every_method_trains_and_the_results_do_not_depend_on_the_thread_count()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", SyntheticCsv());

        var one = Run(folder, Yaml, 1);
        var two = Run(folder, Yaml, 2);

        one.Runs.Count.ShouldBe(2 * (7 + 2));
        one.Runs.ShouldAllBe(run => run.Failure == null);
        CsvFormat.Write(ComparisonTables.Runs(two)).ShouldBe(CsvFormat.Write(ComparisonTables.Runs(one)));
        CsvFormat.Write(ComparisonTables.Methods(two)).ShouldBe(CsvFormat.Write(ComparisonTables.Methods(one)));
        one.Columns.Select(c => c.Name).ShouldBe(["AUC", "Acc", "EOD", "EOpD", "FPRgap", "GAUCD", "DPgap"]);
        one.Baseline.ShouldBe("STL");
        one.DeltaM[0].ShouldBe(0d);
        Mean(one, "STL", "AUC").ShouldBeGreaterThan(0.9);
        one.Front.Select(f => (f.Method, f.Lambda)).ShouldBe([("MTL-GLF", 0.2), ("MTL-GLF", 0.8)]);

        // The terminal highlights the front table's on-front rows, and only those.
        ComparisonTables.Front(one with { OnFront = [false, true] }).HighlightedRows.ShouldBe([1]);
        ComparisonTables.Front(one with { OnFront = [true, false] }).HighlightedRows.ShouldBe([0]);
        ComparisonTables.Methods(one).HighlightedRows.ShouldBeEmpty();
    }

    [Fact]
    public void Last_epoch_selection_trains_every_epoch_and_evaluates_the_last_one()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", SyntheticCsv());
        var last = ComparisonYamlReader.Parse(Yaml.Replace("  epochs: 8", "  epochs: 8\n  selection: last-epoch"), "synthetic.yaml", folder.Path);
        last.Spec.Training.Selection.ShouldBe(EpochChoice.LastEpoch);
        FairMtl.Store.CanonicalJson.Write(last.Spec.Training).ShouldContain("\"selection\":\"last-epoch\"");
        FairMtl.Store.CanonicalJson.Write(ComparisonYamlReader.Parse(Yaml, "synthetic.yaml", folder.Path).Spec.Training).ShouldNotContain("selection");

        var best = Run(folder, Yaml, 2);
        var lastResult = ComparisonRunner.Run(last, 2, null, CancellationToken.None);

        lastResult.Runs.ShouldAllBe(run => run.Failure == null && run.Epochs == 8);
        CsvFormat.Write(ComparisonTables.Runs(lastResult)).ShouldNotBe(CsvFormat.Write(ComparisonTables.Runs(best)), "some run's best epoch is not its last");
    }

    [Fact]
    public void The_evaluation_block_defines_EOD_as_the_mean_gap_and_ranks_over_the_listed_metrics_only()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", SyntheticCsv());
        var yaml = Yaml.Replace("protocol:", "evaluation: { eod: mean, ranking: [auc, eod, eopd, gaucd] }\nprotocol:");
        var loaded = ComparisonYamlReader.Parse(yaml, "synthetic.yaml", folder.Path);
        var spec = (MethodComparisonSpec)loaded.Spec;
        spec.Evaluation.ShouldBe(new ComparisonEvaluationSpec(EodDefinition.Mean, new[] { TableMetric.Auc, TableMetric.Eod, TableMetric.Eopd, TableMetric.Gaucd }));
        FairMtl.Store.CanonicalJson.Write(spec).ShouldContain("\"evaluation\":{\"eod\":\"mean\",\"ranking\":[\"auc\",\"eod\",\"eopd\",\"gaucd\"]}");
        FairMtl.Store.CanonicalJson.Write(ComparisonYamlReader.Parse(Yaml, "synthetic.yaml", folder.Path).Spec).ShouldNotContain("evaluation");

        var plain = Run(folder, Yaml, 2);
        var paper = ComparisonRunner.Run(loaded, 2, null, CancellationToken.None);

        // Every run: EOD is the mean of its TPR and FPR gaps, the other metrics are those of the default definition.
        var names = paper.Columns.Select(c => c.Name).ToList();
        int Column(string name) => names.IndexOf(name);
        foreach (var (run, reference) in paper.Runs.Zip(plain.Runs))
        {
            run.Metrics![Column("EOD")].ShouldBe((run.Metrics[Column("EOpD")] + run.Metrics[Column("FPRgap")]) / 2d);
            reference.Metrics![Column("EOD")].ShouldBe(Math.Max(reference.Metrics[Column("EOpD")], reference.Metrics[Column("FPRgap")]));
            run.Metrics.Where((_, c) => c != Column("EOD")).ShouldBe(reference.Metrics.Where((_, c) => c != Column("EOD")));
        }

        // Mean rank and Delta_m% over AUC, EOD, EOpD and GAUCD alone.
        var kept = new[] { "AUC", "EOD", "EOpD", "GAUCD" }.Select(Column).ToArray();
        var table = new double[paper.Methods.Count, kept.Length];
        for (var m = 0; m < paper.Methods.Count; m++)
        {
            for (var k = 0; k < kept.Length; k++)
            {
                table[m, k] = paper.Methods[m].Means[kept[k]];
            }
        }

        var higher = new[] { true, false, false, false };
        paper.MeanRanks.ShouldBe(FairMtl.Evaluation.Classification.MethodComparison.MeanRanks(table, higher));
        var stl = kept.Select(c => paper.Methods[0].Means[c]).ToArray();
        for (var m = 0; m < paper.Methods.Count; m++)
        {
            paper.DeltaM[m].ShouldBe(FairMtl.Evaluation.Classification.MethodComparison.DeltaM(kept.Select(c => paper.Methods[m].Means[c]).ToArray(), stl, higher));
        }

        paper.MeanRanks.ShouldNotBe(plain.MeanRanks, "ranking over four of seven metrics moves some method's mean rank");
    }

    [Theory]
    [InlineData("evaluation: { eod: average }", "synthetic.yaml(20,20)", "one of max, mean")]
    [InlineData("evaluation: { ranking: [auc, eod, auc] }", "synthetic.yaml(20,35)", "repeats a metric")]
    [InlineData("evaluation: { ranking: [auc, fairness] }", "synthetic.yaml(20,30)", "one of auc, acc, eod, eopd, fpr-gap, gaucd, dp-gap")]
    [InlineData("evaluation: { ranking: [] }", "synthetic.yaml(20,24)", "a non-empty list of metrics")]
    [InlineData("evaluation: { rank: [auc] }", "synthetic.yaml(20,15)", "unknown key 'rank' in 'evaluation'")]
    public void Evaluation_block_mistakes_are_located(string block, string location, string expected)
    {
        var error = Should.Throw<FairMtlException>(() => ComparisonYamlReader.Parse(Yaml.Replace("protocol:", block + "\nprotocol:"), "synthetic.yaml", "."));
        error.Message.ShouldContain(location);
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void A_strong_demographic_parity_penalty_shrinks_the_gap_it_penalises()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", SyntheticCsv());
        var result = Run(folder, Yaml, 2);

        var stl = Mean(result, "STL", "DPgap");
        stl.ShouldBeGreaterThan(0.3);
        Mean(result, "DPL", "DPgap").ShouldBeLessThan(stl / 2);
    }

    [Fact]
    public void A_task_with_one_class_in_a_part_is_a_located_error()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", SyntheticCsv(label: i => i == 5 ? "yes" : "no"));
        var error = Should.Throw<FairMtlException>(() => Run(folder, Yaml, 1));
        error.Code.ShouldBe(DiagnosticCodes.Groups);
        error.Location!.File.ShouldBe("synthetic.yaml");
        error.Location.Line.ShouldBe(8);
        error.Detail.ShouldContain("repetition 0 (seed 3)");
        error.Detail.ShouldContain("has only negatives of task 'y' (expected both classes in every part");
    }

    [Fact]
    public void A_single_group_in_the_test_rows_is_a_located_error()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", SyntheticCsv(rows: 60, group: i => i == 0 ? "B" : "A"));
        var error = Should.Throw<FairMtlException>(() => Run(folder, Yaml.Replace("repetitions: 2", "repetitions: 1"), 1));
        error.Code.ShouldBe(DiagnosticCodes.Groups);
        error.Location!.Line.ShouldBe(10);
        error.Detail.ShouldBe(
            "repetition 0 (seed 3): the 12 test rows hold a single group (A) of sensitive attribute 's'; fairness gaps need at least two groups");
    }

    [Fact]
    public void An_unknown_category_names_the_values_there_are()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", SyntheticCsv());
        var error = Should.Throw<FairMtlException>(() => Run(folder, Yaml.Replace("positive: [\"yes\"]", "positive: [\"Yes\"]"), 1));
        error.Code.ShouldBe(DiagnosticCodes.UnknownReference);
        (error.Location!.Line, error.Location.Column).ShouldBe((8, 34));
        error.Detail.ShouldBe("unknown category 'Yes' of column 'label'; did you mean 'yes'? (its values: no, yes)");
    }

    [Fact]
    public void An_attribute_whose_rule_puts_every_row_in_one_group_is_an_error()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", SyntheticCsv());
        var error = Should.Throw<FairMtlException>(() => Run(folder, Yaml.Replace("privileged: [A]", "privileged: [A, B]"), 1));
        error.Code.ShouldBe(DiagnosticCodes.Groups);
        error.Detail.ShouldBe("sensitive attribute 's' puts every row of column 'group' into one group (A|B); expected at least two groups");
    }
}
