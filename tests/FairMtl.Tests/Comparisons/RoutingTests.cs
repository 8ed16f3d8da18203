using FairMtl.Comparisons;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Tests.Comparisons;

public class RoutingTests
{
    private static TrainingBatch Batch(float[][] targets, int[] groups, int rows)
    {
        var batch = new TrainingBatch(targets, new Dictionary<string, int[]> { ["g"] = groups }) { Rows = rows };
        return batch;
    }

    [Fact]
    public void The_group_task_term_is_the_mean_cross_entropy_over_its_group_and_its_gradient_matches_finite_differences()
    {
        float[] logits = [0.3f, -1.2f, 2.0f, 0.7f, -0.4f];
        float[] targets = [1f, 0f, 1f, 0f, 1f];
        int[] groups = [1, 0, 1, 1, 0];
        var batch = Batch([targets], groups, 5);
        var term = new GroupTaskTerm("g", 1);
        var gradient = Enumerable.Repeat(9f, 5).ToArray();

        var value = term.Compute(logits, batch, 0, gradient);

        // Rows 0, 2 and 3 are group 1: BCE = log(1 + e^-x) for target 1, log(1 + e^x) for target 0.
        var expected = (Math.Log(1 + Math.Exp(-0.3)) + Math.Log(1 + Math.Exp(-2.0)) + Math.Log(1 + Math.Exp(0.7))) / 3;
        value.ShouldBe(expected, 1e-6);
        gradient[1].ShouldBe(0f);
        gradient[4].ShouldBe(0f);
        for (var i = 0; i < logits.Length; i++)
        {
            var plus = logits.ToArray();
            var minus = logits.ToArray();
            plus[i] += 1e-3f;
            minus[i] -= 1e-3f;
            var numeric = (term.Compute(plus, batch, 0, new float[5]) - term.Compute(minus, batch, 0, new float[5])) / (plus[i] - minus[i]);
            gradient[i].ShouldBe((float)numeric, 1e-4f);
        }
    }

    [Fact]
    public void A_group_absent_from_the_batch_contributes_nothing() =>
        new GroupTaskTerm("g", 2).Compute([1f, 2f], Batch([[1f, 0f]], [0, 1], 2), 0, new float[2]).ShouldBe(0d);

    [Fact]
    public void The_routed_objective_sums_weighted_terms_per_head_and_reports_each_heads_routing()
    {
        var heads = new[] { new HeadSpec("a", "a", HeadTask.Binary, false, []), new HeadSpec("b", "b", HeadTask.Binary, false, []) };
        var network = new MultiHeadNetwork(2, new ModelSpec(new[] { 3 }, Activation.Tanh, 0, false, Initializer.GlorotUniform), heads, 4);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(5));
        network.Forward([0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f, 0.7f, 0.8f], 4, training: false, null);
        var targets = new[] { new[] { 1f, 0f, 1f, 0f }, new[] { 0f, 0f, 1f, 1f } };
        var batch = Batch(targets, [0, 1, 0, 1], 4);
        var bce = new HeadTaskTerm(HeadTask.Binary, RegressionLoss.Mse, 0);
        var group = new GroupTaskTerm("g", 0);
        var objective = new RoutedObjective(
            [new HeadRoute([(bce, 1d), (group, 0.5)], 0.25f, 0.75f), new HeadRoute([(bce, 2d)], 1f, -3f)], network);
        var gradients = new[] { new float[4], new float[4] };
        var headScales = new float[2];
        var trunkScales = new float[2];

        var trunkGradients = new float[]?[2];
        var total = objective.Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients);

        var a = network.Heads[0].Prediction[..4];
        var b = network.Heads[1].Prediction[..4];
        var bceA = new float[4];
        var groupA = new float[4];
        var bceB = new float[4];
        var expected = (0.25 * (TaskLoss.Compute(HeadTask.Binary, a, targets[0], bceA, 4) + (0.5 * group.Compute(a, batch, 0, groupA))))
            + (1.0 * 2 * TaskLoss.Compute(HeadTask.Binary, b, targets[1], bceB, 4));
        total.ShouldBe(expected, 1e-9);
        for (var i = 0; i < 4; i++)
        {
            gradients[0][i].ShouldBe(bceA[i] + (0.5f * groupA[i]), 1e-6f);
            gradients[1][i].ShouldBe(2f * bceB[i], 1e-6f);
        }

        headScales.ShouldBe([0.25f, 1f]);
        trunkScales.ShouldBe([0.75f, -3f]);
        trunkGradients.ShouldAllBe(g => g == null);
    }

    [Fact]
    public void Trunk_terms_give_the_trunk_its_own_gradient_while_the_head_keeps_the_head_terms()
    {
        var heads = new[] { new HeadSpec("a", "a", HeadTask.Binary, false, []) };
        var network = new MultiHeadNetwork(2, new ModelSpec(new[] { 3 }, Activation.Tanh, 0, false, Initializer.GlorotUniform), heads, 4);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(5));
        network.Forward([0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f, 0.7f, 0.8f], 4, training: false, null);
        var batch = Batch([[1f, 0f, 1f, 0f]], [0, 1, 0, 1], 4);
        var bce = new HeadTaskTerm(HeadTask.Binary, RegressionLoss.Mse, 0);
        var group = new GroupTaskTerm("g", 1);
        var objective = new RoutedObjective([new HeadRoute([(bce, 1d)], 0.5f, 2f, [(bce, 1d), (group, -3d)])], network);
        var gradients = new[] { new float[4] };
        var trunkGradients = new float[]?[1];

        var total = objective.Evaluate(network, batch, gradients, new float[1], new float[1], trunkGradients);

        var outputs = network.Heads[0].Prediction[..4];
        var bceGradient = new float[4];
        var groupGradient = new float[4];
        total.ShouldBe(0.5 * TaskLoss.Compute(HeadTask.Binary, outputs, batch.Targets[0], bceGradient, 4), 1e-12);
        group.Compute(outputs, batch, 0, groupGradient);
        gradients[0].ShouldBe(bceGradient);
        trunkGradients[0].ShouldNotBeNull();
        for (var i = 0; i < 4; i++)
        {
            trunkGradients[0]![i].ShouldBe(bceGradient[i] - (3f * groupGradient[i]), 1e-6f);
        }
    }

    private static ComparisonSpec Spec(params MethodSpec[] methods) => Spec(["y"], methods);

    private static ComparisonSpec Spec(string[] tasks, params MethodSpec[] methods) => new MethodComparisonSpec(
        "cmp",
        string.Empty,
        Data.TestExperiments.ParkinsonLikeSpec().Data,
        new ModelSpec(new[] { 4 }, Activation.Relu, 0, false, Initializer.GlorotUniform),
        EquatableArray<int>.Empty,
        tasks.Select(task => new TaskSpec(task, "label-" + task, EquatableArray<string>.Empty)).ToArray(),
        new[] { new SensitiveAttributeSpec("g", new GroupSpec("group", GroupRule.Categories, 0d, EquatableArray<string>.Empty)) },
        methods,
        new FrontSpec(EquatableArray<string>.Empty, EquatableArray<double>.Empty, FairnessMetric.Eod, "g"),
        new ProtocolSpec(1, 0),
        new ComparisonTrainingSpec(new OptimizerSpec(OptimizerKind.Adam, 0.01, 0.9, 0.999, 1e-7, 0), 8, 2));

    private static readonly SensitiveGroups[] ThreeGroups = [new("g", [0, 1, 2], ["a", "b", "c"])];

    [Fact]
    public void Each_method_kind_builds_its_heads_and_routes_their_gradients()
    {
        MethodNetwork For(MethodSpec method) => MethodNetwork.For(method, Spec(method), ThreeGroups);

        var stl = For(new MethodSpec("STL", MethodKind.SingleTask, FairnessLossKind.Glf, 0, 0, 0, string.Empty));
        stl.Heads.Select(h => h.Name).ShouldBe(["y"]);
        (stl.Routes[0].HeadScale, stl.Routes[0].TrunkScale).ShouldBe((1f, 1f));

        var aux = For(new MethodSpec("AUX", MethodKind.Auxiliary, FairnessLossKind.Gld, 0.3, 0, 0, string.Empty));
        aux.Heads.Select(h => h.Name).ShouldBe(["y", "fairness.g.y"]);
        aux.Targets[1].ShouldBe(HeadTarget.OfTask("y"));
        (aux.Routes[0].HeadScale, aux.Routes[0].TrunkScale).ShouldBe((0.3f, 0.3f));
        (aux.Routes[1].HeadScale, aux.Routes[1].TrunkScale).ShouldBe((0.7f, 0.7f));
        aux.Routes[1].Terms.Single().Term.Name.ShouldBe("GLD on 'g'");

        // The fairness head's bounded group loss keeps the method's bound (the paper's "Auxiliary Task Fairness, BGL").
        var auxBgl = For(new MethodSpec("AUX-BGL", MethodKind.Auxiliary, FairnessLossKind.Bgl, 0.5, 0.4, 0, string.Empty));
        auxBgl.Routes[1].Terms.Single().Term.ShouldBeOfType<FairnessTerm>().Loss.ShouldBe(new FairMtl.Objectives.Fairness.FairnessLossDefinition(FairnessLossKind.Bgl, 3, 0.4, 0d));

        var regularized = For(new MethodSpec("DPL", MethodKind.Regularized, FairnessLossKind.Dpl, 2.5, 0, 0, string.Empty));
        regularized.Heads.Count.ShouldBe(1);
        regularized.Routes[0].Terms.Select(t => (t.Term.Name, t.Coefficient)).ShouldBe([("binary cross-entropy", 1d), ("DPL on 'g'", 2.5)]);

        var adversarial = For(new MethodSpec("ADV", MethodKind.Adversarial, FairnessLossKind.Glf, 0, 0, 1.5, string.Empty));
        adversarial.Heads.Select(h => h.Name).ShouldBe(["y", "adversary.g.0", "adversary.g.1", "adversary.g.2"]);
        adversarial.Targets[2].ShouldBe(HeadTarget.OfGroup("g", 1));
        adversarial.Routes.Skip(1).ShouldAllBe(route => route.HeadScale == 1f && route.TrunkScale == -1.5f);

        var gtd = For(new MethodSpec("GTD", MethodKind.GroupDecomposition, FairnessLossKind.Glf, 0, 0, 0, "g"));
        gtd.Heads.Select(h => h.Name).ShouldBe(["y.g.0", "y.g.1", "y.g.2"]);
        var part = new FairMtl.Data.DataPart(3, 1, new float[3], new Dictionary<string, float[]> { ["y"] = [1f, 0f, 1f] }, [0, 1, 2],
            new Dictionary<string, int[]> { ["g"] = [2, 0, 1] });
        gtd.ScoringHeads(part, 0, 1).ShouldBe([2, 0, 1]);
        gtd.WithTargets(part).Targets.Keys.ShouldBe(["y.g.0", "y.g.1", "y.g.2"]);
        adversarial.WithTargets(part).Targets["adversary.g.1"].ShouldBe([0f, 0f, 1f]);
    }

    [Fact]
    public void A_fairness_term_leaves_out_rows_whose_group_is_unknown()
    {
        float[] logits = [0.4f, -0.3f, 1.2f, 0.1f, -0.8f];
        float[] targets = [1f, 0f, 1f, 0f, 1f];
        var batch = Batch([targets], [0, -1, 1, 1, -1], 5);
        var term = new FairnessTerm(new FairMtl.Objectives.Fairness.FairnessLossDefinition(FairnessLossKind.Dpl, 2), () => "DPL on 'g'", "g", 8);
        var gradient = Enumerable.Repeat(float.NaN, 5).ToArray();

        var value = term.Compute(logits, batch, 0, gradient);

        // Known rows 0 (group 0) and 2, 3 (group 1): |mean p(g1) - mean p(g0)|.
        var expected = Math.Abs(((TaskLoss.Sigmoid(1.2) + TaskLoss.Sigmoid(0.1)) / 2) - TaskLoss.Sigmoid(0.4));
        value.ShouldBe(expected, 1e-7);
        gradient[1].ShouldBe(0f);
        gradient[4].ShouldBe(0f);
        gradient[0].ShouldNotBe(0f);
    }
}
