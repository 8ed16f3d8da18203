using FairMtl.Comparisons;
using FairMtl.Conditional;
using FairMtl.Diagnostics;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Reports;
using FairMtl.Reports.Stored;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Sweeps;
using FairMtl.Tests.Comparisons;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Conditional;

/// <summary>A method comparison's lambda front from one loss-conditional model per method and repetition.</summary>
public class ConditionalFrontTests
{
    private static readonly string Yaml = ComparisonRunnerTests.Yaml
        .Replace("front: { methods: [MTL-GLF], lambda: [0.2, 0.8] }", "front: { methods: [MTL-GLF, DPL], lambda: [0.2, 0.5, 0.8], conditional: { epochs: 6 } }");

    private static LoadedComparison Parse(TempDataFolder folder, string yaml) => ComparisonYamlReader.Parse(yaml, "synthetic.yaml", folder.Path);

    [Fact]
    public void The_front_defaults_are_per_batch_uniform_draws_with_film_and_no_grid()
    {
        using var folder = new TempDataFolder();
        var spec = (MethodComparisonSpec)Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: {}")).Spec;

        spec.Front.Conditional.ShouldBe(new ConditionalSpec(ConditionalSampling.PerBatch, ConditionalDistribution.Uniform, true, 8, 0));
        FairMtl.Store.CanonicalJson.Write(spec).ShouldContain("\"conditional\":{\"sampling\":\"per-batch\"");
        FairMtl.Store.CanonicalJson.Write(Parse(folder, ComparisonRunnerTests.Yaml).Spec).ShouldNotContain("conditional");
    }

    [Theory]
    [InlineData("conditional: { grid: 1 }", "0 (no grid) or an integer from 2 to 10000")]
    [InlineData("conditional: { distribution: log-uniform, epochs: 6 }, lambda_x: 1", "unknown key")]
    public void A_front_mistake_is_located_and_explained(string replacement, string detail)
    {
        using var folder = new TempDataFolder();
        var error = Should.Throw<FairMtlException>(() => Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", replacement)));

        error.Location!.Line.ShouldBe(19);
        error.Message.ShouldContain(detail, Case.Insensitive);
    }

    [Fact]
    public void Per_row_draws_train_a_front_that_differs_from_per_batch_draws_and_does_not_depend_on_threads()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv());
        var perRow = Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: { sampling: per-row, epochs: 6 }"));
        ((MethodComparisonSpec)perRow.Spec).Front.Conditional!.Sampling.ShouldBe(ConditionalSampling.PerRow);

        var one = ComparisonRunner.Run(perRow, 1, null, CancellationToken.None);
        var two = ComparisonRunner.Run(perRow, 2, null, CancellationToken.None);
        var perBatch = ComparisonRunner.Run(Parse(folder, Yaml), 2, null, CancellationToken.None);

        one.Runs.ShouldAllBe(run => run.Failure == null);
        CsvFormat.Write(ComparisonTables.Runs(two)).ShouldBe(CsvFormat.Write(ComparisonTables.Runs(one)));
        CsvFormat.Write(ComparisonTables.Front(one)).ShouldNotBe(CsvFormat.Write(ComparisonTables.Front(perBatch)));
        ComparisonTables.Front(one).Title.ShouldContain("per-row uniform draws");
    }

    [Fact]
    public void A_grid_scores_each_model_along_lambda_where_a_grid_lambda_that_is_a_front_lambda_scores_the_same()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv());
        var result = ComparisonRunner.Run(Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: { epochs: 6, grid: 7 }")), 2, null, CancellationToken.None);

        result.Grid.Select(summary => (summary.Method, summary.Lambda)).ShouldBe(
            new[] { "MTL-GLF", "DPL" }.SelectMany(method => new[] { 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 }.Select(lambda => (method, lambda))));
        foreach (var point in result.Front)
        {
            var same = result.Grid.Single(summary => summary.Method == point.Method && summary.Lambda == point.Lambda);
            same.Means.ShouldBe(point.Means);
        }

        ComparisonTables.Grid(result)!.Rows.Count.ShouldBe(14);
        var written = ResultWriter.Write(result, Path.Combine(folder.Path, "out"), new CodeVersion("test", null));
        written.Select(Path.GetFileName).ShouldContain("grid.csv");
        File.ReadAllText(Path.Combine(folder.Path, "out", "figures", "auc-vs-eod.svg")).ShouldContain("MTL-GLF on the λ grid");
        ResultSnapshot.Render(result).ShouldContain("## grid");
    }

    [Fact]
    public void Fronts_draws_a_conditional_front_methods_curve_along_its_grid_of_lambda()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv());
        var conditional = ComparisonRunner.Run(Parse(folder, Yaml.Replace("conditional: { epochs: 6 }", "conditional: { epochs: 6, grid: 7 }")), 2, null, CancellationToken.None);
        var perLambda = ComparisonRunner.Run(Parse(folder, Yaml.Replace(", conditional: { epochs: 6 }", string.Empty)), 2, null, CancellationToken.None);
        var version = new CodeVersion("test", null);
        ResultWriter.Write(conditional, Path.Combine(folder.Path, "a"), version);
        ResultWriter.Write(perLambda, Path.Combine(folder.Path, "b"), version);

        using (var a = StoredResults.Open(Path.Combine(folder.Path, "a")))
        using (var b = StoredResults.Open(Path.Combine(folder.Path, "b")))
        {
            var fairness = FrontComparison.Of(a, b, "MTL-GLF").Pair.Disparity;
            fairness.ShouldBe(conditional.Columns[conditional.FrontMetric].Name);
            var curve = GridCurves.Comparison(a, "MTL-GLF", fairness);
            var expected = conditional.Grid.Where(point => point.Method == "MTL-GLF").OrderBy(point => point.Lambda)
                .Select(point => (point.Means[conditional.FrontMetric], 1 - point.Means[0])).ToArray();

            curve.Count.ShouldBe(7);
            for (var i = 0; i < 7; i++)
            {
                curve[i].Disparity.ShouldBe(expected[i].Item1, 1e-9);
                curve[i].Error.ShouldBe(expected[i].Item2, 1e-9);
            }

            GridCurves.Comparison(b, "MTL-GLF", fairness).ShouldBeEmpty("a front of a model per lambda has no grid");
        }

        var output = new StringWriter();
        var error = new StringWriter();
        FairMtl.Host.Running.FrontsCommandHandler.Execute(Path.Combine(folder.Path, "a"), Path.Combine(folder.Path, "b"), null, false, output, error)
            .ShouldBe(0, error.ToString());
        var figure = File.ReadAllText(Path.Combine(folder.Path, "a", "fronts-synthetic", "MTL-GLF", "fronts.svg"));
        figure.ShouldContain("synthetic: MTL-GLF: grid");
        FairMtl.Host.Running.FrontsCommandHandler.Execute(Path.Combine(folder.Path, "b"), Path.Combine(folder.Path, "a"), null, false, output, error).ShouldBe(0);
        File.ReadAllText(Path.Combine(folder.Path, "b", "fronts-synthetic", "MTL-GLF", "fronts.svg")).ShouldNotContain(": grid");
    }

    [Fact]
    public void The_torch_engine_is_refused_for_a_conditional_front()
    {
        using var folder = new TempDataFolder();
        var error = Should.Throw<FairMtlException>(() => Parse(folder, Yaml.Replace("  epochs: 8", "  epochs: 8\n  engine: torch")));

        error.Message.ShouldContain("'front.conditional' cannot be used here: 'training.engine' is torch");
    }

    [Theory]
    [InlineData("MTL-GLF")]
    [InlineData("DPL")]
    public void The_interpolated_routes_are_the_method_s_routes_at_every_lambda(string name)
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv());
        var loaded = Parse(folder, Yaml);
        var spec = (MethodComparisonSpec)loaded.Spec;
        var attributes = new[] { new SensitiveGroups("s", [], ["A", "B"]) };
        var method = spec.Methods.Single(m => m.Name == name);
        var atZero = MethodNetwork.For(method with { Lambda = 0 }, spec, attributes);
        var network = MultiHeadNetwork.For(["x1", "x2"], [], spec.Model, atZero.Heads, 32, 1, film: true);
        var sampler = new ConditionSampler(spec.Front.AsSweep(), [], new DeterministicRandom(1), 32);
        var routes = new ConditionalRoutes(values => MethodNetwork.For(method with { Lambda = values[0] }, spec, attributes).Routes, network, sampler);

        foreach (var lambda in new[] { 0.2, 0.5, 0.8 })
        {
            var expected = MethodNetwork.For(method with { Lambda = lambda }, spec, attributes).Routes;
            var actual = routes.At([lambda]);
            actual.Length.ShouldBe(expected.Count);
            for (var h = 0; h < actual.Length; h++)
            {
                actual[h].HeadScale.ShouldBe(expected[h].HeadScale, 1e-6f);
                actual[h].TrunkScale.ShouldBe(expected[h].TrunkScale, 1e-6f);
                actual[h].Terms.Select(term => term.Coefficient).ShouldBe(expected[h].Terms.Select(term => term.Coefficient), 1e-12);
                actual[h].Terms.Select(term => term.Term.Name).ShouldBe(expected[h].Terms.Select(term => term.Term.Name));
            }
        }
    }

    [Fact]
    public void One_model_per_front_method_and_repetition_is_scored_at_every_lambda_and_its_steps_count_once()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv());
        var loaded = Parse(folder, Yaml);

        var one = ComparisonRunner.Run(loaded, 1, null, CancellationToken.None);
        var two = ComparisonRunner.Run(loaded, 2, null, CancellationToken.None);

        MethodComparisonKind.Plan((MethodComparisonSpec)loaded.Spec).Length.ShouldBe(2 * (7 + 2));
        ModelCount.Of(loaded.Spec).ShouldBe(2 * (7 + 2));
        CsvFormat.Write(ComparisonTables.Runs(two)).ShouldBe(CsvFormat.Write(ComparisonTables.Runs(one)));
        var front = one.Runs.Where(run => run.IsFront).ToArray();
        front.Length.ShouldBe(2 * 2 * 3);
        front.ShouldAllBe(run => run.Failure == null && run.Epochs == 6 && run.Points == null);
        one.Front.Select(f => (f.Method, f.Lambda, f.Succeeded)).ShouldBe(
            [("MTL-GLF", 0.2, 2), ("MTL-GLF", 0.5, 2), ("MTL-GLF", 0.8, 2), ("DPL", 0.2, 2), ("DPL", 0.5, 2), ("DPL", 0.8, 2)]);

        // Each model is scored at every lambda: the same steps on each row, scores that depend on lambda, the steps counted once.
        foreach (var group in front.GroupBy(run => (run.Method, run.Repetition)))
        {
            group.Select(run => run.Steps).Distinct().Count().ShouldBe(1);
            group.Select(run => string.Join(",", run.Metrics!)).Distinct().Count().ShouldBeGreaterThan(1);
        }

        one.Timings.Steps.ShouldBe(one.Runs.Where(run => !run.IsFront).Sum(run => run.Steps) + front.Where(run => run.Lambda == 0.2).Sum(run => run.Steps));
        ComparisonTables.Front(one).Title.ShouldContain("(conditional: one model per method and repetition, per-batch uniform draws, FiLM, 6 epochs)");
    }

    [Fact]
    public void A_conditional_unit_s_store_key_has_the_front_s_lambdas_and_settings_and_other_units_keep_theirs()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv());
        string[] Keys(string yaml)
        {
            var kind = MethodComparisonKind.Load(Parse(folder, yaml));
            return kind.Units.Select(kind.UnitKey).ToArray();
        }

        var keys = Keys(Yaml);
        var longer = Keys(Yaml.Replace("conditional: { epochs: 6 }", "conditional: { epochs: 7 }"));
        var wider = Keys(Yaml.Replace("lambda: [0.2, 0.5, 0.8]", "lambda: [0.1, 0.5, 0.8]"));
        var perLambda = Keys(Yaml.Replace(", conditional: { epochs: 6 }", string.Empty));

        var conditional = Enumerable.Range(0, keys.Length).Where(i => keys[i].Contains("\"conditional\":true", StringComparison.Ordinal)).ToArray();
        conditional.Length.ShouldBe(4);
        conditional.ShouldAllBe(i => longer[i] != keys[i] && wider[i] != keys[i]);
        Enumerable.Range(0, keys.Length).Except(conditional).ShouldAllBe(i => longer[i] == keys[i] && wider[i] == keys[i] && perLambda.Contains(keys[i]));
    }

    [Fact]
    public void Fronts_compares_a_conditional_front_with_a_front_of_a_model_per_lambda_method_by_method()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv());
        var conditional = ComparisonRunner.Run(Parse(folder, Yaml), 2, null, CancellationToken.None);
        var perLambda = ComparisonRunner.Run(
            Parse(folder, Yaml.Replace(", conditional: { epochs: 6 }", string.Empty).Replace("name: synthetic", "name: per-lambda")), 2, null, CancellationToken.None);
        var version = new CodeVersion("test", null);
        ResultWriter.Write(conditional, Path.Combine(folder.Path, "a"), version);
        ResultWriter.Write(perLambda, Path.Combine(folder.Path, "b"), version);
        using var a = StoredResults.Open(Path.Combine(folder.Path, "a"));
        using var b = StoredResults.Open(Path.Combine(folder.Path, "b"));

        var glf = FrontComparison.Of(a, b, "MTL-GLF");
        var nadir = FrontComparison.Of(a, b, "MTL-GLF", nadir: true);

        glf.Compared.ShouldBe("synthetic: MTL-GLF");
        glf.Reference.ShouldBe("per-lambda: MTL-GLF");
        glf.Pair.ShouldBe(("1 - AUC", "EOD"));
        glf.Seeds.ShouldBe([0, 1]);
        glf.Points.Select(point => point.Point).ShouldBe(["0.2", "0.5", "0.8"]);
        glf.Steps.Compared.ShouldBe(conditional.Runs.Where(run => run.IsFront && run.Method == "MTL-GLF" && run.Lambda == 0.2).Sum(run => run.Steps));
        glf.Steps.Reference.ShouldBe(perLambda.Runs.Where(run => run.IsFront && run.Method == "MTL-GLF").Sum(run => run.Steps));
        var stl = perLambda.Runs.Where(run => run.Method == "STL").OrderBy(run => run.Repetition).ToArray();
        for (var r = 0; r < 2; r++)
        {
            var reference = (stl[r].Metrics![2], 1 - stl[r].Metrics![0]);
            double Hypervolume(ComparisonResult result, (double, double) point) => FairMtl.Evaluation.Statistics.Hypervolume.Of(
                result.Runs.Where(run => run.IsFront && run.Method == "MTL-GLF" && run.Repetition == r).Select(run => (run.Metrics![2], 1 - run.Metrics[0])).ToArray(), point);
            glf.ComparedHypervolumes[r].ShouldBe(Hypervolume(conditional, reference), 1e-12);
            glf.ReferenceHypervolumes[r].ShouldBe(Hypervolume(perLambda, reference), 1e-12);
            nadir.ComparedHypervolumes[r].ShouldBeGreaterThan(0);
        }

        Should.Throw<FairMtlException>(() => FrontComparison.Of(a, b, "ADV")).Message.ShouldContain("has no front method 'ADV'");
    }
}
