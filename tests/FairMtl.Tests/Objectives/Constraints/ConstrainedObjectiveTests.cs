using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Tests.Objectives.Constraints;

/// <summary>The FairMT objective: weighted masked task losses plus lambda F (or mu (F - epsilon)), each constrained
/// head's gradient w_t dU_t + c dF/d outputs, routed to head and trunk (head-aware) or to the trunk only.</summary>
public class ConstrainedObjectiveTests
{
    private const int Rows = 40;
    private const int Inputs = 5;
    private static readonly double[] Weights = [0.7, 1.5, 1.0];

    private sealed class Setup
    {
        public Setup()
        {
            HeadSpec[] heads =
            [
                new("y", "y", HeadTask.Regression, false, []),
                new("b", "b", HeadTask.Binary, false, new[] { 3 }),
                new("c", "c", HeadTask.MultiClass, false, [], Classes: 3),
            ];
            Network = new MultiHeadNetwork(Inputs, new ModelSpec(new[] { 6 }, Activation.Tanh, 0, false, Initializer.GlorotUniform), heads, Rows);
            Network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(5));
            var random = new DeterministicRandom(9);
            X = Enumerable.Range(0, Rows * Inputs).Select(_ => (float)random.NextGaussian()).ToArray();
            Network.Forward(X, Rows, training: false, null);
            var groups = Enumerable.Range(0, Rows).Select(r => r % 9 == 8 ? -1 : r % 2).ToArray();
            float[][] targets =
            [
                [.. Enumerable.Range(0, Rows).Select(r => r % 6 == 1 ? float.NaN : (float)random.NextGaussian())],
                [.. Enumerable.Range(0, Rows).Select(r => r % 5 == 2 ? float.NaN : (r / 2) % 2)],
                [.. Enumerable.Range(0, Rows).Select(r => (float)((r / 2) % 3))],
            ];
            var second = Enumerable.Range(0, Rows).Select(r => (r / 3) % 3).ToArray();
            Batch = new TrainingBatch(targets, new Dictionary<string, int[]> { ["s"] = groups, ["t"] = second }) { Rows = Rows };
        }

        public MultiHeadNetwork Network { get; }

        public float[] X { get; }

        public TrainingBatch Batch { get; }

        public FairnessConstraint Constraint(int groups = 2) => new(
            [
                new ConstrainedTask(0, HeadTask.Regression, 0, HarmKind.Mse, 0, 2.0, ViolationKind.OneSided),
                new ConstrainedTask(1, HeadTask.Binary, 0, HarmKind.Opportunity, 0, 1.0, ViolationKind.OneSided),
            ],
            HarmReference.BestGroup,
            ConstraintAggregation.Smooth(0.2),
            groups,
            Rows);

        public ConstrainedObjective Objective(double lambda, DualAscent? dual, bool headAware, bool minNorm = false) => new(
            Network, [RegressionLoss.Mse, RegressionLoss.Mse, RegressionLoss.Mse], Weights, [Constraint()], ["s"], lambda, dual, headAware, 4, minNorm);

        /// <summary>Per head w_t dU_t, and per constrained head dF/d outputs, computed by the parts alone.</summary>
        public (double Utility, float[][] Utilities, double F, float[][] Fairness) Parts()
        {
            var utility = 0.0;
            var utilities = new float[3][];
            for (var h = 0; h < 3; h++)
            {
                var head = Network.Heads[h];
                utilities[h] = new float[Rows * head.Outputs];
                utility += Weights[h] * MaskedTaskLoss.Compute(
                    head.Spec.Task, RegressionLoss.Mse, head.Spec.Classes, head.Prediction.AsSpan(0, Rows * head.Outputs), Batch.Targets[h], utilities[h], Rows);
            }

            float[][] fairness = [new float[Rows], new float[Rows], new float[Rows * 3]];
            var f = Constraint().Compute(Network.Heads.Select(head => head.Prediction).ToArray(), Batch.Targets, Batch.Groups["s"], Rows, fairness);
            return (utility, utilities, f, fairness);
        }

        public (double Total, float[][] Gradients, float[]?[] Trunk, float[] HeadScales) Evaluate(ConstrainedObjective objective)
        {
            var gradients = Network.Heads.Select(head => new float[Rows * head.Outputs]).ToArray();
            var trunk = new float[]?[3];
            var headScales = new float[3];
            var total = objective.Evaluate(Network, Batch, gradients, headScales, new float[3], trunk);
            return (total, gradients, trunk, headScales);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_penalty_adds_lambda_f_and_routes_its_gradient_to_the_heads_or_the_trunk_only(bool headAware)
    {
        var setup = new Setup();
        var (utility, utilities, f, fairness) = setup.Parts();
        f.ShouldBeGreaterThan(0d, "the batch must violate the constraint for the test to mean anything");
        const double lambda = 3;

        var (total, gradients, trunk, headScales) = setup.Evaluate(setup.Objective(lambda, null, headAware));

        total.ShouldBe(utility + (lambda * f), 1e-12);
        headScales.ShouldAllBe(scale => scale == 1f);
        for (var h = 0; h < 3; h++)
        {
            var own = utilities[h].Select(g => (float)Weights[h] * g).ToArray();
            if (h == 2)
            {
                gradients[h].ShouldBe(own, "the unconstrained head sees its task loss only");
                trunk[h].ShouldBeNull();
                continue;
            }

            var combined = own.Select((g, i) => MathF.FusedMultiplyAdd((float)lambda, fairness[h][i], g)).ToArray();
            combined.ShouldNotBe(own);
            if (headAware)
            {
                gradients[h].ShouldBe(combined);
                trunk[h].ShouldBeNull();
            }
            else
            {
                gradients[h].ShouldBe(own);
                trunk[h]![..(Rows * setup.Network.Heads[h].Outputs)].ShouldBe(combined);
            }
        }
    }

    [Fact]
    public void Primal_dual_uses_the_multiplier_before_its_update_and_adds_mu_times_f_minus_epsilon()
    {
        var setup = new Setup();
        var (utility, utilities, f, fairness) = setup.Parts();
        var dual = new DualAscent(epsilon: 0.01, step: 5, averaging: 0);
        var objective = setup.Objective(0, dual, headAware: true);

        var first = setup.Evaluate(objective);
        first.Total.ShouldBe(utility, 1e-12, "mu starts at 0");
        first.Gradients[0].ShouldBe(utilities[0].Select(g => (float)Weights[0] * g).ToArray());
        var mu = 5 * (f - 0.01);
        objective.Multiplier.ShouldBe(mu, 1e-12);

        var second = setup.Evaluate(objective);
        second.Total.ShouldBe(utility + (mu * (f - 0.01)), 1e-12);
        second.Gradients[1].ShouldBe(utilities[1].Select((g, i) => MathF.FusedMultiplyAdd((float)mu, fairness[1][i], (float)Weights[1] * g)).ToArray());
        objective.Coefficient.ShouldBe(mu, 1e-12);
        objective.RecentConstraint.ShouldBe(f, 1e-12);
    }

    [Fact]
    public void Unconstrained_mtl_records_f_without_training_on_it()
    {
        var setup = new Setup();
        var (utility, utilities, f, _) = setup.Parts();
        var (total, gradients, trunk, _) = setup.Evaluate(setup.Objective(0, null, headAware: true));

        total.ShouldBe(utility, 1e-12);
        for (var h = 0; h < 3; h++)
        {
            gradients[h].ShouldBe(utilities[h].Select(g => (float)Weights[h] * g).ToArray());
            trunk[h].ShouldBeNull();
        }

        var fresh = setup.Objective(0, null, headAware: true);
        double.IsNaN(fresh.RecentConstraint).ShouldBeTrue("no batch yet");
        setup.Evaluate(fresh);
        fresh.RecentConstraint.ShouldBe(f, 1e-12);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Min_norm_back_propagates_the_two_gradients_apart_and_combines_them_per_block(bool headAware)
    {
        var setup = new Setup();
        var (_, utilities, _, fairness) = setup.Parts();
        const float lambda = 2;
        var network = setup.Network;
        var ones = new float[] { 1, 1, 1 };

        // By hand: backward of w dU, then of lambda dF (to the heads and trunk, or the trunk only), per parameter.
        float[][] utilityPass = [.. utilities.Select((g, h) => g.Select(v => (float)Weights[h] * v).ToArray())];
        network.Backward(setup.X, Rows, utilityPass, ones, ones);
        var first = network.Parameters.Select(p => p.Gradient.ToArray()).ToArray();
        float[][] scaled = [.. fairness.Select((g, h) => h == 2 ? new float[g.Length] : g.Select(v => lambda * v).ToArray())];
        float[][] zeros = [.. scaled.Select(g => new float[g.Length])];
        network.Backward(setup.X, Rows, headAware ? scaled : zeros, ones, ones, headAware ? null : [scaled[0], scaled[1], null]);
        var second = network.Parameters.Select(p => p.Gradient.ToArray()).ToArray();

        var objective = setup.Objective(lambda, null, headAware, minNorm: true);
        setup.Evaluate(objective);
        objective.OwnsBackward.ShouldBeTrue();
        MultiPassBackward.Run(network, setup.X, Rows, objective);

        var blocks = network.Parameters.Select((p, i) => (p.Group, i)).GroupBy(x => x.Group).ToArray();
        foreach (var block in blocks)
        {
            var indices = block.Select(x => x.i).ToArray();
            double g11 = 0, g22 = 0, g12 = 0;
            foreach (var i in indices)
            {
                for (var k = 0; k < first[i].Length; k++)
                {
                    g11 += (double)first[i][k] * first[i][k];
                    g22 += (double)second[i][k] * second[i][k];
                    g12 += (double)first[i][k] * second[i][k];
                }
            }

            var alpha = g22 == 0 ? 1d : Math.Clamp((g22 - g12) / (g11 + g22 - (2 * g12)), 0d, 1d);
            foreach (var i in indices)
            {
                var expected = g22 == 0
                    ? first[i]
                    : first[i].Select((v, k) => MathF.FusedMultiplyAdd((float)(2 * alpha), v, (float)(2 * (1 - alpha)) * second[i][k])).ToArray();
                network.Parameters[i].Gradient.ShouldBe(expected, $"{network.Parameters[i].Name} (alpha {alpha})");
            }
        }

        objective.MinNorm!.Alphas.ShouldContain(alpha => alpha > 0 && alpha < 1, "some block must mix the two gradients for the test to mean anything");
        if (!headAware)
        {
            var heads = objective.MinNorm.BlockNames.Select((name, b) => (name, b)).Where(x => x.name.StartsWith("head:", StringComparison.Ordinal));
            heads.ShouldAllBe(x => objective.MinNorm.Alphas[x.b] == 1d, "without head-aware routing the heads see no constraint gradient");
        }
    }

    [Fact]
    public void Several_attributes_aggregate_their_constraints_by_the_same_rule_and_weight_their_gradients_by_it()
    {
        var setup = new Setup();
        var heads = setup.Network.Heads.Select(head => head.Prediction).ToArray();
        float[][] first = [new float[Rows], new float[Rows], new float[Rows * 3]];
        float[][] second = [new float[Rows], new float[Rows], new float[Rows * 3]];
        var f1 = setup.Constraint().Compute(heads, setup.Batch.Targets, setup.Batch.Groups["s"], Rows, first);
        var f2 = setup.Constraint(3).Compute(heads, setup.Batch.Targets, setup.Batch.Groups["t"], Rows, second);
        var weights = new double[2];
        var f = ConstraintAggregation.Smooth(0.2).Compute([f1, f2], [1d, 1d], weights);
        weights.ShouldAllBe(w => w > 0, "both attributes must count for the test to mean anything");
        const double lambda = 1.5;

        var objective = new ConstrainedObjective(
            setup.Network, [RegressionLoss.Mse, RegressionLoss.Mse, RegressionLoss.Mse], Weights, [setup.Constraint(), setup.Constraint(3)], ["s", "t"], lambda, null, true, 4);
        var (total, gradients, _, _) = setup.Evaluate(objective);

        var (utility, utilities, _, _) = setup.Parts();
        total.ShouldBe(utility + (lambda * f), 1e-12);
        for (var h = 0; h < 2; h++)
        {
            var combined = first[h].Select((g, i) => MathF.FusedMultiplyAdd((float)weights[1], second[h][i], MathF.FusedMultiplyAdd((float)weights[0], g, 0f))).ToArray();
            gradients[h].ShouldBe(combined.Select((g, i) => MathF.FusedMultiplyAdd((float)lambda, g, (float)Weights[h] * utilities[h][i])).ToArray());
        }
    }
}
