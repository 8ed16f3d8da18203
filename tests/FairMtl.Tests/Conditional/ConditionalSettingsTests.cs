using FairMtl.Comparisons;
using FairMtl.Conditional;
using FairMtl.Diagnostics;
using FairMtl.MultiTask;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Reports;
using FairMtl.Reports.Stored;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Comparisons;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Conditional;

/// <summary>A multi-task comparison's settings (w_1, lambda_t, r_t) from one loss-conditional model per method.</summary>
public class ConditionalSettingsTests
{
    private static readonly string Yaml = MultiTaskTests.Yaml
        .Replace("sweep: { kind: random, runs: 3, seed: 1, lambda: [0, 3] }", "sweep: { kind: random, runs: 4, seed: 1, lambda: [0, 3], conditional: { epochs: 6 } }")
        .Replace("protocol: { repetitions: 1,", "protocol: { repetitions: 2,");

    private static LoadedComparison Parse(TempDataFolder folder, string yaml)
    {
        folder.Write("train.csv", MultiTaskTests.Csv(400, 1));
        folder.Write("test.csv", MultiTaskTests.Csv(200, 2));
        return ComparisonYamlReader.Parse(yaml, "mt.yaml", folder.Path);
    }

    [Fact]
    public void The_sweep_reads_per_batch_draws_over_its_ranges_and_refuses_what_it_cannot_do()
    {
        using var folder = new TempDataFolder();
        var spec = (MultiTaskSpec)Parse(folder, Yaml).Spec;

        spec.Sweep.Conditional.ShouldBe(new ConditionalSpec(ConditionalSampling.PerBatch, ConditionalDistribution.Uniform, true, 6, 0));
        spec.Sweep.ConditionVariables(["a", "b"]).Variables.Select(v => $"{v.Name}:{v.Values[0]}-{v.Values[1]}")
            .ShouldBe(["w1:0-1", "lambda_a:0-3", "lambda_b:0-3", "ratio_a:0-2", "ratio_b:0-2"]);
        ModelCount.Of(spec).ShouldBe(2 * (2 + 3));

        ((MultiTaskSpec)Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: { sampling: per-row }")).Spec).Sweep.Conditional!.Sampling
            .ShouldBe(ConditionalSampling.PerRow);
        var grid = ((MultiTaskSpec)Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: { grid: 5 }")).Spec).Sweep;
        grid.Conditional!.Grid.ShouldBe(5);
        Should.Throw<FairMtlException>(() => Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: { grid: 10001 }")))
            .Message.ShouldContain("sweep.conditional.grid");
        Should.Throw<FairMtlException>(() => Parse(folder, Yaml.Replace("  b: { column: lb, above: 0.5 }", "  b: { column: lb, above: 0.5 }\n  c: { column: la }")))
            .Message.ShouldContain("'sweep.conditional' needs two tasks");
        Should.Throw<FairMtlException>(() => Parse(folder, Yaml.Replace("  epochs: 4", "  epochs: 4\n  engine: torch")))
            .Message.ShouldContain("'sweep.conditional' cannot be used here");
    }

    [Theory]
    [InlineData("MTL")]
    [InlineData("BASE")]
    [InlineData("MTAF")]
    public void The_multilinear_routes_are_the_method_s_routes_at_every_setting(string name)
    {
        using var folder = new TempDataFolder();
        var spec = (MultiTaskSpec)Parse(folder, Yaml).Spec;
        var attributes = new[] { new SensitiveGroups("g", [], ["p", "u"]) };
        var method = spec.Methods.Single(m => m.Name == name);
        var plan = MethodNetwork.For(method, spec, attributes, ConditionalSettings.SettingAt(new double[5]));
        var network = MultiHeadNetwork.For(["x1", "x2"], [], spec.Model, plan.Heads, 32, 5, film: true);
        var sampler = new ConditionSampler(spec.Sweep.ConditionVariables(["a", "b"]), [], new DeterministicRandom(1), 32);
        var routes = new ConditionalRoutes(values => MethodNetwork.For(method, spec, attributes, ConditionalSettings.SettingAt(values)).Routes, network, sampler);

        foreach (var setting in MultiTaskSweep.Settings(spec.Sweep with { Runs = 5, Seed = 7 }, 2))
        {
            var expected = MethodNetwork.For(method, spec, attributes, setting).Routes;
            var actual = routes.At(ConditionalSettings.ValuesOf(setting));
            for (var h = 0; h < actual.Length; h++)
            {
                actual[h].HeadScale.ShouldBe(expected[h].HeadScale, 1e-6f);
                actual[h].TrunkScale.ShouldBe(expected[h].TrunkScale, 1e-6f);
                actual[h].Terms.Select(term => term.Coefficient).ShouldBe(expected[h].Terms.Select(term => term.Coefficient), 1e-9);
                (actual[h].TrunkTerms?.Select(term => term.Coefficient) ?? []).ShouldBe(expected[h].TrunkTerms?.Select(term => term.Coefficient) ?? [], 1e-9);
            }
        }
    }

    [Fact]
    public void A_conditional_unit_s_store_key_has_the_sweep_and_the_references_keep_theirs()
    {
        using var folder = new TempDataFolder();
        string[] Keys(string yaml)
        {
            var kind = MultiTaskComparisonKind.Load(Parse(folder, yaml));
            return kind.Units.Select(kind.UnitKey).ToArray();
        }

        var keys = Keys(Yaml);
        var longer = Keys(Yaml.Replace("conditional: { epochs: 6 }", "conditional: { epochs: 7 }"));
        var moreSettings = Keys(Yaml.Replace("runs: 4,", "runs: 5,"));

        var conditional = Enumerable.Range(0, keys.Length).Where(i => keys[i].StartsWith(nameof(ConditionalMethodUnit), StringComparison.Ordinal)).ToArray();
        conditional.Length.ShouldBe(2 * 3);
        conditional.ShouldAllBe(i => longer[i] != keys[i] && moreSettings[i] != keys[i]);
        Enumerable.Range(0, keys.Length).Except(conditional).ShouldAllBe(i => longer[i] == keys[i] && moreSettings[i] == keys[i]);
    }

    [Fact]
    public void One_model_per_method_and_repetition_is_scored_at_every_setting_and_fronts_compares_it_method_by_method()
    {
        using var folder = new TempDataFolder();
        var perRow = MultiTaskRunner.Run(Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: { sampling: per-row, epochs: 6 }")), 2, null, CancellationToken.None);
        var conditional = MultiTaskRunner.Run(Parse(folder, Yaml), 1, null, CancellationToken.None);
        perRow.Runs.ShouldAllBe(run => run.Failure == null && run.Epochs == 6);
        CsvFormat.Write(MultiTaskTables.Runs(perRow)).ShouldNotBe(CsvFormat.Write(MultiTaskTables.Runs(conditional)));
        var again = MultiTaskRunner.Run(Parse(folder, Yaml), 2, null, CancellationToken.None);
        var perSetting = MultiTaskRunner.Run(
            Parse(folder, Yaml.Replace(", conditional: { epochs: 6 }", string.Empty).Replace("name: mt-synthetic", "name: per-setting")), 2, null, CancellationToken.None);

        CsvFormat.Write(MultiTaskTables.Runs(again)).ShouldBe(CsvFormat.Write(MultiTaskTables.Runs(conditional)));
        conditional.Runs.Count.ShouldBe(2 * 3 * 4);
        conditional.Runs.ShouldAllBe(run => run.Failure == null && run.Epochs == 6 && run.Points == null && double.IsFinite(run.Are));
        conditional.Runs.Select(run => run.Setting!.Index).ShouldBe(perSetting.Runs.Select(run => run.Setting!.Index));
        foreach (var group in conditional.Runs.GroupBy(run => (run.Method, run.Repetition)))
        {
            group.Select(run => run.Steps).Distinct().Count().ShouldBe(1);
        }

        conditional.Runs.Where(run => run.Method == "MTAF").Select(run => run.Arfg).Distinct().Count().ShouldBeGreaterThan(1);
        conditional.Timings.Steps.ShouldBe(
            conditional.References.Sum(run => run.Steps) + conditional.Runs.Where(run => run.Setting!.Index == 0).Sum(run => run.Steps));
        MultiTaskTables.Methods(conditional).Title.ShouldContain("(conditional: one model per method and repetition, per-batch uniform draws, FiLM, 6 epochs)");

        var version = new CodeVersion("test", null);
        ResultWriter.Write(conditional, Path.Combine(folder.Path, "a"), version);
        ResultWriter.Write(perSetting, Path.Combine(folder.Path, "b"), version);
        using var a = StoredResults.Open(Path.Combine(folder.Path, "a"));
        using var b = StoredResults.Open(Path.Combine(folder.Path, "b"));
        var mtaf = FrontComparison.Of(a, b, "MTAF");

        mtaf.Pair.ShouldBe(("ARE", "ARFG"));
        mtaf.Points.Select(point => point.Point).ShouldBe(["0", "1", "2", "3"]);
        mtaf.ReferencePoint.ShouldContain("(1, 1)");
        for (var r = 0; r < 2; r++)
        {
            double Hypervolume(MultiTask.MultiTaskResult result) => FairMtl.Evaluation.Statistics.Hypervolume.Of(
                result.Runs.Where(run => run.Method == "MTAF" && run.Repetition == r).Select(run => (run.Arfg, run.Are)).ToArray(), (1, 1));
            mtaf.ComparedHypervolumes[r].ShouldBe(Hypervolume(conditional), 1e-9);
            mtaf.ReferenceHypervolumes[r].ShouldBe(Hypervolume(perSetting), 1e-9);
        }

        mtaf.Steps.Compared.ShouldBe(conditional.Runs.Where(run => run.Method == "MTAF" && run.Setting!.Index == 0).Sum(run => run.Steps));
        mtaf.Steps.Reference.ShouldBe(perSetting.Runs.Where(run => run.Method == "MTAF").Sum(run => run.Steps));
    }

    [Fact]
    public void The_grid_is_random_settings_over_the_sweep_s_ranges_from_their_own_stream_numbered_after_the_sweep_s()
    {
        using var folder = new TempDataFolder();
        var sweep = ((MultiTaskSpec)Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: { grid: 50 }")).Spec).Sweep;
        var settings = MultiTaskSweep.Settings(sweep, 2);
        var grid = MultiTaskSweep.GridSettings(sweep, 2, settings.Count);

        grid.Select(setting => setting.Index).ShouldBe(Enumerable.Range(4, 50));
        grid.ShouldAllBe(setting => setting.Weights[0] >= 0 && setting.Weights[0] <= 1 && setting.Weights[0] + setting.Weights[1] == 1
            && setting.Lambdas.All(lambda => lambda >= 0 && lambda <= 3) && setting.Ratios.All(ratio => ratio >= 0 && ratio <= 2));
        grid.Select(ConditionalSettings.ValuesOf).ShouldAllBe(values => settings.All(own => !ConditionalSettings.ValuesOf(own).SequenceEqual(values)));
        grid.Select(setting => setting.Lambdas[0]).Max().ShouldBeGreaterThan(2.5);
        MultiTaskSweep.GridSettings(sweep, 2, settings.Count).Select(ConditionalSettings.ValuesOf).ShouldBe(grid.Select(ConditionalSettings.ValuesOf));
        MultiTaskSweep.GridSettings(sweep with { Conditional = sweep.Conditional! with { Grid = 0 } }, 2, 4).ShouldBeEmpty();
    }

    [Fact]
    public void A_grid_scores_each_model_at_its_settings_too_and_a_setting_scores_the_same_on_the_grid_as_in_the_sweep()
    {
        using var folder = new TempDataFolder();
        var experiment = Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: { epochs: 6, grid: 7 }"));
        var spec = (MultiTaskSpec)experiment.Spec;
        var result = MultiTaskRunner.Run(experiment, 2, null, CancellationToken.None);
        var plain = MultiTaskRunner.Run(Parse(folder, Yaml), 2, null, CancellationToken.None);

        // The grid adds rows of its own and changes nothing else.
        CsvFormat.Write(MultiTaskTables.Runs(result)).ShouldBe(CsvFormat.Write(MultiTaskTables.Runs(plain)));
        MultiTaskTables.Grid(plain).ShouldBeNull();
        result.Grid.Count.ShouldBe(3 * 7);
        // A point's means are over the repetitions whose ARFG is defined (here one: the other's references have no FPR gap).
        var defined = result.Runs.Where(run => double.IsFinite(run.Arfg)).Select(run => run.Repetition).Distinct().Count();
        defined.ShouldBe(1);
        result.Grid.ShouldAllBe(point => point.Runs == defined);
        result.Grid.ShouldAllBe(point => double.IsFinite(point.Arfg) && double.IsFinite(point.Are));
        result.Grid.Select(point => point.Setting.Index).Distinct().ShouldBe(Enumerable.Range(4, 7));
        foreach (var byMethod in result.Grid.GroupBy(point => point.Method))
        {
            var points = byMethod.ToArray();
            points.Count(point => point.OnFront).ShouldBeGreaterThan(0);
            foreach (var point in points.Where(point => point.OnFront))
            {
                points.ShouldNotContain(other => other.Arfg <= point.Arfg && other.Are <= point.Are && (other.Arfg < point.Arfg || other.Are < point.Are));
            }
        }

        var table = MultiTaskTables.Grid(result)!;
        table.Rows.Count.ShouldBe(21);
        table.Title.ShouldContain("7 random grid settings");
        var written = ResultWriter.Write(result, Path.Combine(folder.Path, "grid"), new CodeVersion("test", null));
        written.Select(Path.GetFileName).ShouldContain("grid.csv");
        using (var stored = StoredResults.Open(Path.Combine(folder.Path, "grid")))
        {
            var curve = GridCurves.MultiTask(stored, "MTAF");
            curve.Count.ShouldBe(result.Grid.Count(point => point.Method == "MTAF" && point.OnFront));
            curve.Select(point => point.Arfg).ShouldBeInOrder();
            FairMtl.Reports.Figures.MultiTaskFigures.Create(stored).Single().Svg.ShouldContain("front along the grid (means)");
        }

        // One model scored at a declared setting and at the same setting on a grid: the same numbers.
        var loaded = LoadedRepetitions.Load(experiment);
        var settings = MultiTaskSweep.Settings(spec.Sweep, 2);
        var method = spec.Methods.Single(m => m.Name == "MTAF");
        var run = ConditionalSettings.Train(spec, loaded.Data, loaded.Repetitions[0], method, settings, [settings[2] with { Index = 99 }], CancellationToken.None);
        var again = run.Grid.ShouldHaveSingleItem();
        again.Setting!.Index.ShouldBe(99);
        again.Errors.ShouldBe(run.Points![2].Errors);
        again.FprGaps.ShouldBe(run.Points[2].FprGaps);
        again.TprGaps.ShouldBe(run.Points[2].TprGaps);
    }
}
