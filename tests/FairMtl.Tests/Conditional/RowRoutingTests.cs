using FairMtl.Comparisons;
using FairMtl.Conditional;
using FairMtl.MultiTask;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Sweeps;
using FairMtl.Tests.Comparisons;
using FairMtl.Tests.Data;
using FairMtl.Training;

namespace FairMtl.Tests.Conditional;

/// <summary>
/// Per-row draws in a comparison's routes: each row's share of every term's gradient, for the head and the trunk, is
/// what the method's routes at that row's own draw give it (the same batch's terms, weighted by the row's coefficients
/// and scales).
/// </summary>
public class RowRoutingTests
{
    private const int Rows = 24;

    [Theory]
    [InlineData("MTL-GLF")]
    [InlineData("DPL")]
    public void A_front_method_s_rows_are_routed_at_their_own_lambda(string name)
    {
        using var folder = new TempDataFolder();
        var spec = (MethodComparisonSpec)ComparisonYamlReader.Parse(
            ComparisonRunnerTests.Yaml.Replace("front: { methods: [MTL-GLF], lambda: [0.2, 0.8] }", "front: { methods: [MTL-GLF, DPL], lambda: [0.2, 0.8], conditional: { sampling: per-row } }"),
            "s.yaml",
            folder.Path).Spec;
        var method = spec.Methods.Single(m => m.Name == name);
        var attributes = new[] { new SensitiveGroups("s", [], ["A", "B"]) };
        ShouldRouteEachRowAtItsDraw(
            spec.Front.AsSweep(), values => MethodNetwork.For(method with { Lambda = values[0] }, spec, attributes), spec.Model);
    }

    [Theory]
    [InlineData("MTL")]
    [InlineData("BASE")]
    [InlineData("MTAF")]
    public void A_multi_task_method_s_rows_are_routed_at_their_own_setting(string name)
    {
        using var folder = new TempDataFolder();
        var spec = (MultiTaskSpec)ComparisonYamlReader.Parse(
            MultiTaskTests.Yaml.Replace("lambda: [0, 3] }", "lambda: [0, 3], conditional: { sampling: per-row } }"), "mt.yaml", folder.Path).Spec;
        var method = spec.Methods.Single(m => m.Name == name);
        var attributes = new[] { new SensitiveGroups("g", [], ["p", "u"]) };
        ShouldRouteEachRowAtItsDraw(
            spec.Sweep.ConditionVariables(["a", "b"]), values => MethodNetwork.For(method, spec, attributes, ConditionalSettings.SettingAt(values)), spec.Model);
    }

    private static void ShouldRouteEachRowAtItsDraw(SweepSpec variables, Func<IReadOnlyList<double>, MethodNetwork> planAt, ModelSpec model)
    {
        variables.Conditional!.Sampling.ShouldBe(ConditionalSampling.PerRow);
        var count = variables.Variables.Count;
        var plan = planAt(new double[count]);
        var network = new MultiHeadNetwork(3 + count, model with { Dropout = 0 }, plan.Heads, Rows, conditions: count, film: true);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(3));
        var random = new DeterministicRandom(5);
        var inputs = Enumerable.Range(0, Rows * (3 + count)).Select(_ => (float)((2 * random.NextDouble()) - 1)).ToArray();
        var sampler = new ConditionSampler(variables, [], new DeterministicRandom(7), Rows);
        sampler.Condition(inputs, Rows, 3 + count);
        var targets = plan.Heads.Select(_ => Enumerable.Range(0, Rows).Select(r => (float)((r * 7 % 5) > 1 ? 1 : 0)).ToArray()).ToArray();
        var groups = new Dictionary<string, int[]> { ["s"] = Enumerable.Range(0, Rows).Select(r => r % 3 == 0 ? 1 : 0).ToArray() };
        groups["g"] = groups["s"];
        var batch = new TrainingBatch(targets, groups) { Rows = Rows };
        network.Forward(inputs, Rows, training: true, null);
        var routes = new ConditionalRoutes(values => planAt(values).Routes, network, sampler);
        var heads = plan.Heads.Count;
        var (gradients, headScales, trunkScales, trunkGradients) = (plan.Heads.Select(_ => new float[Rows]).ToArray(), new float[heads], new float[heads], new float[]?[heads]);

        double.IsFinite(routes.Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients)).ShouldBeTrue();

        headScales.ShouldAllBe(scale => scale == 1f);
        trunkScales.ShouldAllBe(scale => scale == 1f);
        var draws = new HashSet<double>();
        for (var r = 0; r < Rows; r++)
        {
            var draw = new double[count];
            sampler.CopyRow(r, draw);
            draws.Add(draw[0]);
            var atDraw = new RoutedObjective(routes.At(draw), network);
            var (g, hs, ts, tg) = (plan.Heads.Select(_ => new float[Rows]).ToArray(), new float[heads], new float[heads], new float[]?[heads]);
            atDraw.Evaluate(network, batch, g, hs, ts, tg);
            for (var h = 0; h < heads; h++)
            {
                gradients[h][r].ShouldBe(hs[h] * g[h][r], 1e-5f, $"head {h}, row {r}");
                var trunk = trunkGradients[h]?[r] ?? gradients[h][r];
                trunk.ShouldBe(ts[h] * (tg[h] ?? g[h])[r], 1e-5f, $"trunk of head {h}, row {r}");
            }
        }

        draws.Count.ShouldBe(Rows, "every row has its own draw");
    }
}
