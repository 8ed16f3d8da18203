using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using static FairMtl.Tests.Objectives.Constraints.ConstraintTestData;

namespace FairMtl.Tests.Objectives.Constraints;

public class GroupHarmConstraintTests
{
    private const int Groups = 3;
    private const int Rows = 42;

    [Theory]
    [MemberData(nameof(HarmCases), MemberType = typeof(ConstraintTestData))]
    public void Harms_follow_the_formulas_for_every_group_and_the_population(HeadTask task, HarmKind kind, bool favourableNegative)
    {
        var batch = Make(task, 3, Groups, Rows, seed: 7);
        var harm = new GroupHarm(task, kind, 3, Groups, Rows, favourableNegative);

        harm.Compute<double>(batch.Outputs, batch.Targets, batch.Groups, Rows);

        for (var g = 0; g < Groups; g++)
        {
            var (expected, present) = Reference(batch, kind, favourableNegative, g);
            present.ShouldBeTrue();
            harm.Present[g].ShouldBeTrue();
            harm.Harm[g].ShouldBe(expected, 1e-12, $"group {g}");
        }

        var population = Reference(batch, kind, favourableNegative, null);
        harm.PopulationPresent.ShouldBeTrue();
        harm.PopulationHarm.ShouldBe(population.Harm, 1e-12);
        harm.Harm.ToArray().Distinct().Count().ShouldBe(Groups, "the groups' harms differ");
    }

    [Theory]
    [MemberData(nameof(HarmCases), MemberType = typeof(ConstraintTestData))]
    public void The_jacobian_matches_central_finite_differences_in_double(HeadTask task, HarmKind kind, bool favourableNegative)
    {
        var batch = Make(task, 3, Groups, Rows, seed: 11);
        var harm = new GroupHarm(task, kind, 3, Groups, Rows, favourableNegative);
        var probe = new GroupHarm(task, kind, 3, Groups, Rows, favourableNegative);
        harm.Compute<double>(batch.Outputs, batch.Targets, batch.Groups, Rows);
        var rowGradient = harm.RowGradient.ToArray();
        var populationGradient = harm.PopulationGradient.ToArray();
        rowGradient.Length.ShouldBe(Rows * batch.Outputs1);

        var x = (double[])batch.Outputs.Clone();
        for (var entry = 0; entry < x.Length; entry++)
        {
            var row = entry / batch.Outputs1;
            var numeric = new double[Groups + 1];
            for (var g = 0; g <= Groups; g++)
            {
                var index = g;
                numeric[g] = Central(x, entry, () =>
                {
                    probe.Compute<double>(x, batch.Targets, batch.Groups, Rows);
                    return index == Groups ? probe.PopulationHarm : probe.Harm[index];
                });
            }

            var own = batch.Groups[row];
            for (var g = 0; g < Groups; g++)
            {
                if (g != own)
                {
                    numeric[g].ShouldBe(0.0, $"entry {entry} does not move group {g}");
                }
            }

            ShouldMatch(populationGradient[entry], numeric[Groups], $"population, entry {entry}");
            if (own < 0)
            {
                rowGradient[entry].ShouldBe(0f);
                populationGradient[entry].ShouldBe(0f);
                numeric[Groups].ShouldBe(0.0);
                continue;
            }

            ShouldMatch(rowGradient[entry], numeric[own], $"entry {entry} of group {own}");
        }

        rowGradient.Count(g => g != 0f).ShouldBeGreaterThan(Rows / 4, "an opportunity takes about half the labelled rows");
    }

    [Theory]
    [MemberData(nameof(HarmCases), MemberType = typeof(ConstraintTestData))]
    public void Rows_with_a_missing_label_or_an_unknown_group_get_exactly_zero_gradient(HeadTask task, HarmKind kind, bool favourableNegative)
    {
        var batch = Make(task, 3, Groups, Rows, seed: 5);
        var harm = new GroupHarm(task, kind, 3, Groups, Rows, favourableNegative);
        harm.Compute(batch.FloatOutputs, batch.Targets, batch.Groups, Rows);

        var zeros = 0;
        for (var entry = 0; entry < Rows * batch.Outputs1; entry++)
        {
            var row = entry / batch.Outputs1;
            var target = task switch
            {
                HeadTask.MultiLabel => batch.Targets[entry],
                _ => batch.Targets[row],
            };
            if (batch.Groups[row] < 0 || float.IsNaN(target))
            {
                harm.RowGradient[entry].ShouldBe(0f);
                harm.PopulationGradient[entry].ShouldBe(0f);
                zeros++;
            }
        }

        zeros.ShouldBeGreaterThan(Rows / 5);
    }

    [Fact]
    public void The_float_path_equals_the_double_path_on_the_same_values()
    {
        var batch = Make(HeadTask.MultiClass, 4, Groups, Rows, seed: 3);
        var floats = batch.FloatOutputs;
        var viaFloat = new GroupHarm(HeadTask.MultiClass, HarmKind.Opportunity, 4, Groups, Rows);
        var viaDouble = new GroupHarm(HeadTask.MultiClass, HarmKind.Opportunity, 4, Groups, Rows);

        viaFloat.Compute(floats, batch.Targets, batch.Groups, Rows);
        viaDouble.Compute<double>([.. floats.Select(f => (double)f)], batch.Targets, batch.Groups, Rows);

        viaFloat.Harm.ToArray().ShouldBe(viaDouble.Harm.ToArray());
        viaFloat.RowGradient.ToArray().ShouldBe(viaDouble.RowGradient.ToArray());
    }

    [Fact]
    public void Binary_harms_by_hand()
    {
        float[] logits = [0f, 2f, -1f, 1f, 0.5f];
        float[] targets = [1f, 1f, 0f, 1f, float.NaN];
        int[] groups = [0, 0, 0, 1, 1];
        var opportunity = new GroupHarm(HeadTask.Binary, HarmKind.Opportunity, 0, 2, 5);
        var parity = new GroupHarm(HeadTask.Binary, HarmKind.Parity, 0, 2, 5);
        var negativeParity = new GroupHarm(HeadTask.Binary, HarmKind.Parity, 0, 2, 5, favourableNegative: true);
        var negativeOpportunity = new GroupHarm(HeadTask.Binary, HarmKind.Opportunity, 0, 2, 5, favourableNegative: true);

        opportunity.Compute(logits, targets, groups, 5);
        parity.Compute(logits, targets, groups, 5);
        negativeParity.Compute(logits, targets, groups, 5);
        negativeOpportunity.Compute(logits, targets, groups, 5);

        opportunity.Harm[0].ShouldBe(1 - ((0.5 + Sigmoid(2)) / 2), 1e-15);
        opportunity.Harm[1].ShouldBe(1 - Sigmoid(1), 1e-15);
        opportunity.PopulationHarm.ShouldBe(1 - ((0.5 + Sigmoid(2) + Sigmoid(1)) / 3), 1e-15);
        parity.Harm[0].ShouldBe(1 - ((0.5 + Sigmoid(2) + Sigmoid(-1)) / 3), 1e-15);
        negativeParity.Harm[0].ShouldBe((0.5 + Sigmoid(2) + Sigmoid(-1)) / 3, 1e-15);
        negativeOpportunity.Harm[0].ShouldBe(Sigmoid(-1), 1e-15);
        negativeOpportunity.Present.ToArray().ShouldBe([true, false], "group 1 has no labelled negative");
        negativeOpportunity.Harm[1].ShouldBe(0.0);
        opportunity.RowGradient[2].ShouldBe(0f, "a negative row takes no part in the opportunity");
        opportunity.RowGradient[0].ShouldBe((float)(-0.25 / 2));
    }

    [Fact]
    public void Multi_label_and_multi_class_skip_what_a_group_lacks()
    {
        // Two labels; group 1 has no label for label 1, so its harm is label 0's alone; negatives take no part.
        float[] logits = [1f, -1f, 0f, 2f, -0.5f, 0.3f];
        float[] targets = [1f, 1f, 1f, 0f, 1f, float.NaN];
        int[] groups = [0, 0, 1];
        var labels = new GroupHarm(HeadTask.MultiLabel, HarmKind.Opportunity, 2, 2, 3);
        labels.Compute(logits, targets, groups, 3);
        labels.Harm[0].ShouldBe(((1 - ((Sigmoid(1) + 0.5) / 2)) + (1 - Sigmoid(-1))) / 2, 1e-15);
        labels.Harm[1].ShouldBe(1 - Sigmoid(-0.5), 1e-15);
        labels.RowGradient[5].ShouldBe(0f);
        labels.RowGradient[3].ShouldBe(0f, "a negative entry takes no part in the opportunity");

        // Three classes; group 0 has rows of classes 0 and 2, group 1 of class 1 only.
        float[] scores = [0f, 0f, 0f, 1f, 0f, 2f, 0f, 3f, 0f];
        float[] classes = [0f, 2f, 1f];
        var softmax = new GroupHarm(HeadTask.MultiClass, HarmKind.Opportunity, 3, 2, 3);
        softmax.Compute(scores, classes, groups, 3);
        var p2 = Math.Exp(2) / (Math.E + 1 + Math.Exp(2));
        softmax.Harm[0].ShouldBe(((1 - (1.0 / 3)) + (1 - p2)) / 2, 1e-15);
        softmax.Harm[1].ShouldBe(1 - (Math.Exp(3) / (2 + Math.Exp(3))), 1e-15);
    }

    [Fact]
    public void Regression_harms_by_hand()
    {
        float[] outputs = [1f, 3f, -1f, 0f];
        float[] targets = [0f, 1f, 1f, float.NaN];
        int[] groups = [0, 0, 1, -1];
        var mse = new GroupHarm(HeadTask.Regression, HarmKind.Mse, 0, 2, 4);
        var mae = new GroupHarm(HeadTask.Regression, HarmKind.Mae, 0, 2, 4);

        mse.Compute(outputs, targets, groups, 4);
        mae.Compute(outputs, targets, groups, 4);

        mse.Harm.ToArray().ShouldBe([2.5, 4.0]);
        mae.Harm.ToArray().ShouldBe([1.5, 2.0]);
        mse.PopulationHarm.ShouldBe(3.0);
        mse.RowGradient.ToArray().ShouldBe([1f, 2f, -4f, 0f]);
        mae.RowGradient.ToArray().ShouldBe([0.5f, 0.5f, -1f, 0f]);
        mae.PopulationGradient.ToArray().ShouldBe([1f / 3, 1f / 3, -1f / 3, 0f]);
    }

    [Fact]
    public void Backward_combines_the_group_and_population_derivatives()
    {
        var batch = Make(HeadTask.MultiLabel, 3, Groups, Rows, seed: 2);
        var harm = new GroupHarm(HeadTask.MultiLabel, HarmKind.Parity, 3, Groups, Rows);
        harm.Compute(batch.FloatOutputs, batch.Targets, batch.Groups, Rows);
        double[] weights = [0.5, -2.0, 0.0];
        var gradient = Garbage(Rows * 3);

        harm.Backward(weights, 0.25, gradient);

        for (var entry = 0; entry < gradient.Length; entry++)
        {
            var group = batch.Groups[entry / 3];
            var expected = (group < 0 ? 0.0 : weights[group] * harm.RowGradient[entry]) + (0.25 * harm.PopulationGradient[entry]);
            gradient[entry].ShouldBe((float)expected, 1e-6f);
        }
    }

    [Fact]
    public void Meaningless_or_mismatched_harms_are_refused()
    {
        Should.Throw<ArgumentException>(() => new GroupHarm(HeadTask.MultiClass, HarmKind.Parity, 3, 2, 8)).Message.ShouldContain("sum to one");
        Should.Throw<ArgumentException>(() => new GroupHarm(HeadTask.Binary, HarmKind.Mse, 0, 2, 8));
        Should.Throw<ArgumentException>(() => new GroupHarm(HeadTask.MultiLabel, HarmKind.Mae, 2, 2, 8));
        Should.Throw<ArgumentException>(() => new GroupHarm(HeadTask.Regression, HarmKind.Opportunity, 0, 2, 8));
        Should.Throw<ArgumentException>(() => new GroupHarm(HeadTask.Regression, HarmKind.Mse, 0, 2, 8, favourableNegative: true));
        Should.Throw<ArgumentException>(() => new GroupHarm(HeadTask.MultiClass, HarmKind.Opportunity, 3, 2, 8, favourableNegative: true));
        Should.Throw<ArgumentOutOfRangeException>(() => new GroupHarm(HeadTask.MultiClass, HarmKind.Opportunity, 1, 2, 8));
        Should.Throw<ArgumentOutOfRangeException>(() => new GroupHarm(HeadTask.MultiLabel, HarmKind.Parity, 0, 2, 8));
        Should.Throw<ArgumentOutOfRangeException>(() => new GroupHarm(HeadTask.Binary, HarmKind.Parity, 0, 0, 8));
        Should.Throw<ArgumentOutOfRangeException>(() => new GroupHarm(HeadTask.Binary, HarmKind.Parity, 0, 2, 0));
    }

    [Fact]
    public void Bad_batches_are_refused()
    {
        var binary = new GroupHarm(HeadTask.Binary, HarmKind.Parity, 0, 2, 3);
        Should.Throw<ArgumentOutOfRangeException>(() => binary.Compute([0f, 0f, 0f], [1f, 0f, 1f], [0, 2, 1], 3));
        Should.Throw<ArgumentOutOfRangeException>(() => binary.Compute([0f, 0f, 0f], [1f, 0f, 1f], [0, -2, 1], 3));
        Should.Throw<ArgumentOutOfRangeException>(() => binary.Compute(new float[4], new float[4], new int[4], 4));
        Should.Throw<ArgumentOutOfRangeException>(() => binary.Compute(new float[2], new float[3], new int[3], 3));
        var softmax = new GroupHarm(HeadTask.MultiClass, HarmKind.Opportunity, 3, 2, 2);
        Should.Throw<ArgumentOutOfRangeException>(() => softmax.Compute(new float[6], [0f, 3f], [0, 1], 2));
        Should.Throw<ArgumentOutOfRangeException>(() => softmax.Compute(new float[6], [0f, 1.5f], [0, 1], 2));
        Should.Throw<ArgumentOutOfRangeException>(() => softmax.Compute(new float[6], [0f, -1f], [0, 1], 2));
        Should.NotThrow(() => softmax.Compute(new float[6], [0f, float.NaN], [0, -1], 2));
    }
}
