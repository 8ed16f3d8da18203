using System.Globalization;
using System.Text;
using FairMtl.Comparisons;
using FairMtl.MultiTask;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Fairness;
using FairMtl.Objectives.Routing;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Data;
using FairMtl.Training;

namespace FairMtl.Tests.Comparisons;

public class MultiTaskTests
{
    private static MultiTaskSweepSpec Sweep(SweepKind kind, int runs) =>
        new(kind, runs, 7, new ValueRange(0.2, 0.6), new ValueRange(1, 3), new ValueRange(0, 2));

    [Fact]
    public void Random_settings_repeat_per_seed_stay_in_their_ranges_and_weights_sum_to_one()
    {
        var settings = MultiTaskSweep.Settings(Sweep(SweepKind.Random, 50), 2);
        MultiTaskSweep.Settings(Sweep(SweepKind.Random, 50), 2).Select(s => s.Weights[0]).ShouldBe(settings.Select(s => s.Weights[0]));
        settings.Count.ShouldBe(50);
        settings.Select(s => s.Index).ShouldBe(Enumerable.Range(0, 50));
        settings.ShouldAllBe(s => s.Weights[0] >= 0.2 && s.Weights[0] <= 0.6 && s.Weights[0] + s.Weights[1] == 1d);
        settings.SelectMany(s => s.Lambdas).ShouldAllBe(v => v >= 1 && v <= 3);
        settings.SelectMany(s => s.Ratios).ShouldAllBe(v => v >= 0 && v <= 2);
        settings.Select(s => s.Lambdas[0]).Distinct().Count().ShouldBe(50);

        var three = MultiTaskSweep.Settings(Sweep(SweepKind.Random, 10), 3);
        three.ShouldAllBe(s => Math.Abs(s.Weights.Sum() - 1) < 1e-12 && s.Weights.Length == 3);
    }

    [Fact]
    public void A_larger_random_sweep_begins_with_the_smaller_ones_settings()
    {
        // So a sweep grown from 2,000 to 20,000 settings reuses every stored unit of the smaller one (a unit's identity
        // is its method, setting and repetition, not the sweep that drew it).
        var small = MultiTaskSweep.Settings(Sweep(SweepKind.Random, 5), 2);
        var large = MultiTaskSweep.Settings(Sweep(SweepKind.Random, 50), 2);
        for (var k = 0; k < small.Count; k++)
        {
            large[k].Weights.ShouldBe(small[k].Weights);
            large[k].Lambdas.ShouldBe(small[k].Lambdas);
            large[k].Ratios.ShouldBe(small[k].Ratios);
        }
    }

    [Fact]
    public void A_grid_takes_every_combination_with_w1_slowest()
    {
        var settings = MultiTaskSweep.Settings(Sweep(SweepKind.Grid, 3), 2);
        settings.Count.ShouldBe(27);
        settings.Select(s => s.Weights[0]).Distinct().ShouldBe([0.2, 0.4, 0.6]);
        settings.Take(9).ShouldAllBe(s => s.Weights[0] == 0.2);
        settings.Take(3).Select(s => s.Ratios[0]).ShouldBe([0d, 1d, 2d]);
        settings[3].Lambdas.ShouldBe([2d, 2d]);
    }

    /// <summary>
    /// A hand-made batch of 8 rows and two tasks. Task a's negatives are rows 0-4; its exclusive negatives (negative on
    /// a, positive on b) rows 1 and 3. MTA-F's head gradient for task a is dBCE + lambda r dF(rows 1, 3); the trunk's
    /// dBCE + lambda dF(rows 0-4) - lambda dF(rows 1, 3) (the paper's Eq. 10), or - lambda r dF(rows 1, 3) (the released
    /// code). Summed (the released code's reduction), the cross-entropy is its sum over the 8 rows and each fairness
    /// loss is multiplied by the rows it is computed on (5 negatives, 2 exclusive negatives).
    /// </summary>
    [Theory]
    [InlineData(SharedFairness.Paper, LossReduction.Mean)]
    [InlineData(SharedFairness.ReleasedCode, LossReduction.Mean)]
    [InlineData(SharedFairness.ReleasedCode, LossReduction.Sum)]
    public void Mta_f_splits_each_tasks_fairness_loss_between_the_exclusive_negatives_on_the_head_and_the_rest_on_the_trunk(
        SharedFairness shared, LossReduction reduction)
    {
        float[] a = [0f, 0f, 0f, 0f, 0f, 1f, 1f, 1f];
        float[] b = [0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f];
        int[] groups = [0, 1, 1, 0, 1, 0, 1, 0];
        var spec = ComparisonYamlReader.Parse(MultiTaskYamlTests.Minimal, "mt.yaml", "/base").Spec;
        spec = spec with { HeadHidden = EquatableArray<int>.Empty, Training = spec.Training with { BatchSize = 8, Reduction = reduction } };
        var method = new MethodSpec("MTAF", MethodKind.MtaF, FairnessLossKind.Corr, 0, 0, 0, string.Empty, Shared: shared);
        var setting = new MultiTaskSetting(0, [0.3, 0.7], [2.0, 0.5], [1.5, 0.25]);
        var plan = MethodNetwork.For(method, spec, [new SensitiveGroups("g", groups, ["x", "other"])], setting);

        var network = new MultiHeadNetwork(2, new ModelSpec(new[] { 3 }, Activation.Tanh, 0, false, Initializer.GlorotUniform), plan.Heads, 8);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(3));
        var random = new DeterministicRandom(4);
        network.Forward(Enumerable.Range(0, 16).Select(_ => (float)((2 * random.NextDouble()) - 1)).ToArray(), 8, training: false, null);
        var batch = new TrainingBatch([a, b], new Dictionary<string, int[]> { ["g"] = groups }) { Rows = 8 };
        var gradients = new[] { new float[8], new float[8] };
        var trunkGradients = new float[]?[2];
        var headScales = new float[2];
        var trunkScales = new float[2];
        new RoutedObjective(plan.Routes, network).Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients);

        headScales.ShouldBe([0.3f, 0.7f]);
        trunkScales.ShouldBe([0.3f, 0.7f]);
        var logits = network.Heads[0].Prediction[..8];
        var bce = new float[8];
        TaskLoss.Compute(HeadTask.Binary, logits, a, bce, 8);
        var exclusive = Subset(logits, groups, [1, 3]);
        var negatives = Subset(logits, groups, [0, 1, 2, 3, 4]);
        var summed = reduction == LossReduction.Sum;
        var (rows, negativeRows, exclusiveRows) = summed ? (8f, 5f, 2f) : (1f, 1f, 1f);
        var sharedRatio = shared == SharedFairness.ReleasedCode ? 1.5f : 1f;
        for (var i = 0; i < 8; i++)
        {
            var head = (rows * bce[i]) + (2f * 1.5f * exclusiveRows * exclusive[i]);
            var trunk = (rows * bce[i]) + (2f * negativeRows * negatives[i]) - (2f * sharedRatio * exclusiveRows * exclusive[i]);
            gradients[0][i].ShouldBe(head, 1e-6f * Math.Max(1f, Math.Abs(head)), $"head row {i}");
            trunkGradients[0]![i].ShouldBe(trunk, 1e-6f * Math.Max(1f, Math.Abs(trunk)), $"trunk row {i}");
        }

        exclusive[0].ShouldBe(0f);
        negatives[5].ShouldBe(0f);
        negatives[0].ShouldNotBe(0f);
    }

    /// <summary>The correlation loss's gradient computed on the listed rows only, scattered back to 8 rows.</summary>
    private static float[] Subset(float[] logits, int[] groups, int[] rows)
    {
        var gradient = new float[rows.Length];
        new ScoreGroupCorrelation(2).Compute(
            rows.Select(r => logits[r]).ToArray(), new float[rows.Length], rows.Select(r => groups[r]).ToArray(), rows.Length, gradient);
        var full = new float[8];
        for (var k = 0; k < rows.Length; k++)
        {
            full[rows[k]] = gradient[k];
        }

        return full;
    }

    internal const string Yaml = """
        name: mt-synthetic
        data:
          file: train.csv
          append: [test.csv]
          features: { exclude: [] }
          split: { validation: 0.2 }
        model: { trunk: [8], head_hidden: [4] }
        tasks:
          a: { column: la }
          b: { column: lb, above: 0.5 }
        sensitive:
          g: { column: group, privileged: [p], unknown: ["?"] }
        methods:
          MTL: { kind: multi-task }
          BASE: { kind: fair-multi-task, loss: fpr-gap }
          MTAF: { kind: mta-f, loss: mmd, bandwidth: 0.2 }
        sweep: { kind: random, runs: 3, seed: 1, lambda: [0, 3] }
        protocol: { repetitions: 1, split: files, seed: 2 }
        training:
          optimizer: { name: adam, lr: 0.01 }
          batch_size: 32
          epochs: 4
        """;

    /// <summary>Two tasks that depend on x1 and on the group; every seventh row's group is unknown.</summary>
    internal static string Csv(int rows, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("x1,x2,group,la,lb\n");
        for (var i = 0; i < rows; i++)
        {
            var privileged = random.NextDouble() < 0.5;
            var x1 = (random.NextDouble() * 2) - 1 + (privileged ? 0.5 : -0.5);
            var x2 = random.NextDouble();
            var group = i % 7 == 3 ? "?" : privileged ? "p" : "u";
            csv.Append(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{group},{(x1 > 0 ? 1 : 0)},{(x1 + x2 > 0.6 ? 0.9 : 0.1):R}\n");
        }

        return csv.ToString();
    }

    [Fact]
    public void A_multi_task_comparison_runs_every_method_and_reference_whatever_the_thread_count()
    {
        using var folder = new TempDataFolder();
        folder.Write("train.csv", Csv(400, 1));
        folder.Write("test.csv", Csv(200, 2));
        var loaded = ComparisonYamlReader.Parse(Yaml, "mt.yaml", folder.Path);

        var one = MultiTaskRunner.Run(loaded, 1, null, CancellationToken.None);
        var two = MultiTaskRunner.Run(loaded, 2, null, CancellationToken.None);

        one.References.Count.ShouldBe(2);
        one.Runs.Count.ShouldBe(9);
        one.Split.ShouldBe((320, 80, 200));
        one.Runs.Concat(one.References).ShouldAllBe(run => run.Failure == null);
        one.Runs.ShouldAllBe(run => double.IsFinite(run.Arfg) && double.IsFinite(run.Are));
        one.Selected.ShouldAllBe(index => index >= 0 && one.Runs[index].OnFront);
        CsvFormat.Write(MultiTaskTables.Runs(two)).ShouldBe(CsvFormat.Write(MultiTaskTables.Runs(one)));
        MultiTaskTables.Runs(one).HighlightedRows.ShouldBe(Enumerable.Range(0, one.Runs.Count).Where(i => one.Runs[i].OnFront), ignoreOrder: true);
        var everyOther = one with { Runs = one.Runs.Select((r, i) => r with { OnFront = i % 2 == 0 }).ToArray() };
        MultiTaskTables.Runs(everyOther).HighlightedRows.ShouldBe(Enumerable.Range(0, one.Runs.Count).Where(i => i % 2 == 0), ignoreOrder: true);
        CsvFormat.Write(MultiTaskTables.References(two)).ShouldBe(CsvFormat.Write(MultiTaskTables.References(one)));

        // The same setting index gives every method the same w, lambda and r.
        one.Runs.Where(run => run.Setting!.Index == 1).Select(run => run.Setting!.Weights[0]).Distinct().Count().ShouldBe(1);

        // ARE of a run against the references of its repetition, by hand.
        var run = one.Runs[0];
        var expected = ((run.Errors[0] / one.References[0].Errors[0]) + (run.Errors[1] / one.References[1].Errors[1])) / 2;
        run.Are.ShouldBe(expected, 1e-12);
    }

    [Fact]
    public void Three_groups_are_refused_by_the_multi_task_methods()
    {
        using var folder = new TempDataFolder();
        folder.Write("train.csv", Csv(100, 1).Replace(",u,", ",v,", StringComparison.Ordinal));
        folder.Write("test.csv", Csv(60, 2));
        var yaml = Yaml.Replace("privileged: [p], ", string.Empty, StringComparison.Ordinal);
        var error = Should.Throw<FairMtl.Diagnostics.FairMtlException>(
            () => MultiTaskRunner.Run(ComparisonYamlReader.Parse(yaml, "mt.yaml", folder.Path), 1, null, CancellationToken.None));
        error.Detail.ShouldBe(
            "the multi-task methods compare two groups, but sensitive attribute 'g' has 3 (p, u, v); declare 'privileged' or 'range' to make two groups");
    }
}
