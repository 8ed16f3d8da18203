using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using static FairMtl.Tests.Objectives.Constraints.ConstraintTestData;

namespace FairMtl.Tests.Objectives.Constraints;

public class FairnessConstraintTests
{
    private const int Groups = 3;
    private const int Rows = 42;
    private const double Tolerance = 0.01;

    /// <summary>Head 0 regression (MSE), head 1 three-class (opportunity), head 2 binary and unconstrained; the rows'
    /// groups are the same for every head (Make derives them from the row index).</summary>
    private sealed class Setup
    {
        public Setup(int seed)
        {
            HeadBatch[] heads = [Make(HeadTask.Regression, 0, Groups, Rows, seed), Make(HeadTask.MultiClass, 3, Groups, Rows, seed + 1), Make(HeadTask.Binary, 0, Groups, Rows, seed + 2)];
            heads[1].Groups.ShouldBe(heads[0].Groups);
            Outputs = [.. heads.Select(h => h.Outputs)];
            Targets = [.. heads.Select(h => h.Targets)];
            GroupOf = heads[0].Groups;
        }

        public double[][] Outputs { get; }

        public float[][] Targets { get; }

        public int[] GroupOf { get; }

        public float[][] FloatOutputs => [.. Outputs.Select(o => o.Select(x => (float)x).ToArray())];

        public float[][] NewGradients() => [Garbage(Rows), Garbage(Rows * 3), Garbage(Rows)];
    }

    private static ConstrainedTask[] Tasks(ViolationKind violation) =>
    [
        new(0, HeadTask.Regression, 0, HarmKind.Mse, Tolerance, 1.0, violation),
        new(1, HeadTask.MultiClass, 3, HarmKind.Opportunity, Tolerance, 0.5, violation),
    ];

    private static ConstraintAggregation Aggregation(string name) =>
        name == "max" ? ConstraintAggregation.Max : ConstraintAggregation.Smooth(double.Parse(name, System.Globalization.CultureInfo.InvariantCulture));

    public static TheoryData<string> Aggregations => new(["max", "0.05", "1"]);

    public static TheoryData<HarmReference, string> ReferencesAndAggregations => new()
    {
        { HarmReference.BestGroup, "max" },
        { HarmReference.BestGroup, "0.3" },
        { HarmReference.Population, "max" },
        { HarmReference.Population, "0.3" },
    };

    [Theory]
    [MemberData(nameof(Aggregations))]
    public void Two_heterogeneous_tasks_match_central_finite_differences_over_every_output(string aggregation)
    {
        // The symmetric violation has no stop-gradient, so its gradient is the plain derivative of F.
        var setup = new Setup(seed: 31);
        var constraint = new FairnessConstraint(Tasks(ViolationKind.Symmetric), HarmReference.BestGroup, Aggregation(aggregation), Groups, Rows);
        var probe = new FairnessConstraint(Tasks(ViolationKind.Symmetric), HarmReference.BestGroup, Aggregation(aggregation), Groups, Rows);
        var gradients = setup.NewGradients();

        var value = constraint.Compute<double>(setup.Outputs, setup.Targets, setup.GroupOf, Rows, gradients);

        value.ShouldBeGreaterThan(0);
        constraint.Violations.ToArray().ShouldAllBe(v => v > 0.05);
        Math.Abs((constraint.Violations[0] / 1.0) - (constraint.Violations[1] / 0.5)).ShouldBeGreaterThan(1e-3, "no tie between the tasks within a step");
        gradients[2].ShouldAllBe(g => float.IsNaN(g), "the unconstrained head is not touched");
        for (var head = 0; head < 2; head++)
        {
            var x = setup.Outputs[head];
            for (var entry = 0; entry < x.Length; entry++)
            {
                var numeric = Central(x, entry, () => probe.Compute<double>(setup.Outputs, setup.Targets, setup.GroupOf, Rows, null));
                ShouldMatch(gradients[head][entry], numeric, $"head {head}, entry {entry}");
            }
        }

        // Max passes the gradient to the task with the largest scaled violation only; Smooth to both.
        var top = constraint.Violations[0] / 1.0 > constraint.Violations[1] / 0.5 ? 0 : 1;
        for (var head = 0; head < 2; head++)
        {
            var pushed = gradients[head].Count(g => g != 0f);
            if (aggregation == "max" && head != top)
            {
                pushed.ShouldBe(0);
            }
            else
            {
                pushed.ShouldBeGreaterThan(Rows / 4, $"head {head}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ReferencesAndAggregations))]
    public void The_one_sided_gradient_is_the_derivative_with_the_reference_held_fixed(HarmReference reference, string aggregationName)
    {
        var setup = new Setup(seed: 43);
        var aggregation = Aggregation(aggregationName);
        var tasks = Tasks(ViolationKind.OneSided);
        var constraint = new FairnessConstraint(tasks, reference, aggregation, Groups, Rows);
        var gradients = setup.NewGradients();
        constraint.Compute<double>(setup.Outputs, setup.Targets, setup.GroupOf, Rows, gradients).ShouldBeGreaterThan(0);
        constraint.Violations.ToArray().ShouldAllBe(v => v > 0.01);

        // F with each task's reference frozen at its value on the unperturbed batch: max_g [h_t(g) - ref_t - δ]_+.
        var held = tasks.Select(t => reference == HarmReference.BestGroup ? constraint.GroupHarms(t.Head).ToArray().Min() : constraint.PopulationHarm(t.Head)).ToArray();
        var probes = tasks.Select(t => new GroupHarm(t.Task, t.Harm, t.Classes, Groups, Rows)).ToArray();
        var violations = new double[2];
        var scratch = new double[2];
        double Held()
        {
            for (var t = 0; t < 2; t++)
            {
                probes[t].Compute<double>(setup.Outputs[t], setup.Targets[t], setup.GroupOf, Rows);
                violations[t] = probes[t].Harm.ToArray().Max(h => Math.Max(h - held[t] - Tolerance, 0.0));
            }

            return aggregation.Compute(violations, [1.0, 0.5], scratch);
        }

        for (var head = 0; head < 2; head++)
        {
            var x = setup.Outputs[head];
            for (var entry = 0; entry < x.Length; entry++)
            {
                ShouldMatch(gradients[head][entry], Central(x, entry, Held), $"head {head}, entry {entry}");
            }
        }
    }

    [Fact]
    public void Under_the_best_group_reference_every_row_of_the_best_group_gets_exactly_zero_gradient()
    {
        var setup = new Setup(seed: 43);
        var constraint = new FairnessConstraint(Tasks(ViolationKind.OneSided), HarmReference.BestGroup, ConstraintAggregation.Smooth(0.3), Groups, Rows);
        var probe = new FairnessConstraint(Tasks(ViolationKind.OneSided), HarmReference.BestGroup, ConstraintAggregation.Smooth(0.3), Groups, Rows);
        var gradients = setup.NewGradients();
        constraint.Compute<double>(setup.Outputs, setup.Targets, setup.GroupOf, Rows, gradients);

        for (var head = 0; head < 2; head++)
        {
            var harms = constraint.GroupHarms(head).ToArray();
            var best = Array.IndexOf(harms, harms.Min());
            var worst = Array.IndexOf(harms, harms.Max());
            constraint.ViolationCoefficients(head).ToArray().ShouldBe([.. Enumerable.Range(0, Groups).Select(g => g == worst ? 1.0 : 0.0)]);
            var width = head == 0 ? 1 : 3;
            var moved = 0;
            for (var entry = 0; entry < Rows * width; entry++)
            {
                if (setup.GroupOf[entry / width] != best)
                {
                    continue;
                }

                gradients[head][entry].ShouldBe(0f, $"head {head}, entry {entry} of the best group");

                // Without the stop-gradient the reference rows would move F.
                var unstopped = Central(setup.Outputs[head], entry, () => probe.Compute<double>(setup.Outputs, setup.Targets, setup.GroupOf, Rows, null));
                moved += Math.Abs(unstopped) > 1e-6 ? 1 : 0;
            }

            moved.ShouldBeGreaterThan(0, $"head {head}: F depends on the best group's rows through the reference");
        }
    }

    [Fact]
    public void Under_the_population_reference_only_the_violating_group_gets_gradient()
    {
        var setup = new Setup(seed: 43);
        var constraint = new FairnessConstraint(Tasks(ViolationKind.OneSided), HarmReference.Population, ConstraintAggregation.Smooth(0.3), Groups, Rows);
        var probe = new FairnessConstraint(Tasks(ViolationKind.OneSided), HarmReference.Population, ConstraintAggregation.Smooth(0.3), Groups, Rows);
        var gradients = setup.NewGradients();
        constraint.Compute<double>(setup.Outputs, setup.Targets, setup.GroupOf, Rows, gradients);

        for (var head = 0; head < 2; head++)
        {
            var harms = constraint.GroupHarms(head).ToArray();
            var worst = Array.IndexOf(harms, harms.Max());
            var width = head == 0 ? 1 : 3;
            int moved = 0, pushed = 0;
            for (var entry = 0; entry < Rows * width; entry++)
            {
                var group = setup.GroupOf[entry / width];
                if (group == worst)
                {
                    pushed += gradients[head][entry] != 0f ? 1 : 0;
                    continue;
                }

                gradients[head][entry].ShouldBe(0f, $"head {head}, entry {entry} of group {group}");
                var unstopped = Central(setup.Outputs[head], entry, () => probe.Compute<double>(setup.Outputs, setup.Targets, setup.GroupOf, Rows, null));
                moved += group >= 0 && Math.Abs(unstopped) > 1e-6 ? 1 : 0;
            }

            pushed.ShouldBeGreaterThan(0);
            moved.ShouldBeGreaterThan(0, $"head {head}: F depends on the other groups' rows through the population harm");
        }
    }

    [Fact]
    public void The_symmetric_gap_pushes_both_groups_where_the_one_sided_violation_pushes_one()
    {
        var batch = Make(HeadTask.Binary, 0, 2, 40, seed: 8);
        float[][] outputs = [batch.FloatOutputs];
        float[][] targets = [batch.Targets];
        FairnessConstraint Constraint(ViolationKind violation) =>
            new([new ConstrainedTask(0, HeadTask.Binary, 0, HarmKind.Opportunity, 0.0, 1.0, violation)], HarmReference.BestGroup, ConstraintAggregation.Max, 2, 40);
        var symmetric = Constraint(ViolationKind.Symmetric);
        var oneSided = Constraint(ViolationKind.OneSided);
        float[][] symmetricGradient = [Garbage(40)];
        float[][] oneSidedGradient = [Garbage(40)];

        symmetric.Compute(outputs, targets, batch.Groups, 40, symmetricGradient).ShouldBeGreaterThan(0);
        oneSided.Compute(outputs, targets, batch.Groups, 40, oneSidedGradient).ShouldBe(symmetric.Value, 1e-15);

        var harms = symmetric.GroupHarms(0).ToArray();
        var worst = harms[1] > harms[0] ? 1 : 0;
        symmetric.ViolationCoefficients(0)[worst].ShouldBe(1.0);
        symmetric.ViolationCoefficients(0)[1 - worst].ShouldBe(-1.0);
        int worseRows = 0, betterRows = 0;
        for (var row = 0; row < 40; row++)
        {
            var group = batch.Groups[row];
            if (group < 0 || !(batch.Targets[row] >= 0.5f))
            {
                symmetricGradient[0][row].ShouldBe(0f);
                continue;
            }

            // Descent raises the worse group's positive logits (its harm falls) and lowers the better group's (its
            // harm rises: levelling down); the one-sided violation leaves the better group alone.
            if (group == worst)
            {
                symmetricGradient[0][row].ShouldBeLessThan(0f);
                oneSidedGradient[0][row].ShouldBe(symmetricGradient[0][row]);
                worseRows++;
            }
            else
            {
                symmetricGradient[0][row].ShouldBeGreaterThan(0f);
                oneSidedGradient[0][row].ShouldBe(0f);
                betterRows++;
            }
        }

        worseRows.ShouldBeGreaterThan(0);
        betterRows.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Missing_labels_and_unknown_groups_get_zero_gradient_and_the_value_needs_no_gradient()
    {
        var setup = new Setup(seed: 5);
        var constraint = new FairnessConstraint(Tasks(ViolationKind.OneSided), HarmReference.Population, ConstraintAggregation.Smooth(0.2), Groups, Rows);
        var outputs = setup.FloatOutputs;
        float[][] gradients = [Garbage(Rows), Garbage(Rows * 3), null!];

        var value = constraint.Compute(outputs, setup.Targets, setup.GroupOf, Rows, gradients);

        constraint.Compute(outputs, setup.Targets, setup.GroupOf, Rows, null).ShouldBe(value);
        constraint.Value.ShouldBe(value);
        for (var head = 0; head < 2; head++)
        {
            var width = head == 0 ? 1 : 3;
            for (var entry = 0; entry < Rows * width; entry++)
            {
                var row = entry / width;
                if (setup.GroupOf[row] < 0 || float.IsNaN(setup.Targets[head][row]))
                {
                    gradients[head][entry].ShouldBe(0f);
                }

                float.IsNaN(gradients[head][entry]).ShouldBeFalse();
            }
        }
    }

    [Fact]
    public void An_empty_batch_or_one_known_group_is_no_violation()
    {
        var setup = new Setup(seed: 9);
        var outputs = setup.FloatOutputs;
        var constraint = new FairnessConstraint(Tasks(ViolationKind.OneSided), HarmReference.Population, ConstraintAggregation.Smooth(0.2), Groups, Rows);
        var gradients = setup.NewGradients();

        constraint.Compute(outputs, setup.Targets, setup.GroupOf, 0, gradients).ShouldBe(0.0);
        constraint.GroupPresent(0).ToArray().ShouldBe([false, false, false]);
        gradients[0][0].ShouldBe(float.NaN, "no row is written");

        int[] oneGroup = [.. setup.GroupOf.Select(g => g == 1 ? 1 : -1)];
        constraint.Compute(outputs, setup.Targets, oneGroup, Rows, gradients).ShouldBe(0.0);
        constraint.Violations.ToArray().ShouldBe([0.0, 0.0]);
        gradients[0].ShouldAllBe(g => g == 0f);
        gradients[1].ShouldAllBe(g => g == 0f);
    }

    [Fact]
    public void The_logged_harms_and_violations_are_those_of_the_parts()
    {
        var setup = new Setup(seed: 12);
        var outputs = setup.FloatOutputs;
        var constraint = new FairnessConstraint(Tasks(ViolationKind.OneSided), HarmReference.BestGroup, ConstraintAggregation.Smooth(0.5), Groups, Rows);
        constraint.Compute(outputs, setup.Targets, setup.GroupOf, Rows, setup.NewGradients());

        var regression = new GroupHarm(HeadTask.Regression, HarmKind.Mse, 0, Groups, Rows);
        var classes = new GroupHarm(HeadTask.MultiClass, HarmKind.Opportunity, 3, Groups, Rows);
        regression.Compute(outputs[0], setup.Targets[0], setup.GroupOf, Rows);
        classes.Compute(outputs[1], setup.Targets[1], setup.GroupOf, Rows);
        constraint.GroupHarms(0).ToArray().ShouldBe(regression.Harm.ToArray());
        constraint.GroupHarms(1).ToArray().ShouldBe(classes.Harm.ToArray());
        constraint.GroupPresent(1).ToArray().ShouldBe([true, true, true]);
        constraint.PopulationHarm(0).ShouldBe(regression.PopulationHarm);
        var coefficients = new double[Groups];
        constraint.Violations[0].ShouldBe(OneSidedViolation.Compute(regression.Harm, regression.Present, 0, HarmReference.BestGroup, Tolerance, coefficients));
        constraint.Violations[1].ShouldBe(OneSidedViolation.Compute(classes.Harm, classes.Present, 0, HarmReference.BestGroup, Tolerance, coefficients));
        var derivatives = new double[2];
        constraint.Value.ShouldBe(ConstraintAggregation.Smooth(0.5).Compute(constraint.Violations, [1.0, 0.5], derivatives));
        constraint.ViolationDerivatives.ToArray().ShouldBe(derivatives);
    }

    [Fact]
    public void Compute_does_not_allocate_after_a_warm_up_call()
    {
        var setup = new Setup(seed: 3);
        var outputs = setup.FloatOutputs;
        var gradients = setup.NewGradients();
        var constraint = new FairnessConstraint(Tasks(ViolationKind.OneSided), HarmReference.Population, ConstraintAggregation.Smooth(0.2), Groups, Rows);
        var symmetric = new FairnessConstraint(Tasks(ViolationKind.Symmetric), HarmReference.BestGroup, ConstraintAggregation.Max, Groups, Rows);
        var sink = constraint.Compute(outputs, setup.Targets, setup.GroupOf, Rows, gradients)
            + symmetric.Compute(outputs, setup.Targets, setup.GroupOf, Rows, gradients);

        // The fewest bytes of three windows: the runtime's own one-off work on the thread (tiering) shows in one at most.
        var fewest = long.MaxValue;
        for (var window = 0; window < 3; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                sink += constraint.Compute(outputs, setup.Targets, setup.GroupOf, Rows, gradients);
                sink += symmetric.Compute(outputs, setup.Targets, setup.GroupOf, Rows, gradients);
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        fewest.ShouldBe(0);
        sink.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Bad_constraints_are_refused()
    {
        var regression = new ConstrainedTask(0, HeadTask.Regression, 0, HarmKind.Mse, 0.0, 1.0, ViolationKind.OneSided);
        FairnessConstraint Create(params ConstrainedTask[] tasks) => new(tasks, HarmReference.BestGroup, ConstraintAggregation.Max, 2, 8);

        Should.Throw<ArgumentOutOfRangeException>(() => Create());
        Should.Throw<ArgumentException>(() => Create(regression, regression with { Harm = HarmKind.Mae })).Message.ShouldContain("twice");
        Should.Throw<ArgumentOutOfRangeException>(() => Create(regression with { Scale = 0.0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => Create(regression with { Tolerance = -1e-3 }));
        Should.Throw<ArgumentOutOfRangeException>(() => Create(regression with { Head = -1 }));
        Should.Throw<ArgumentOutOfRangeException>(() => Create(regression with { Violation = (ViolationKind)7 }));
        Should.Throw<ArgumentException>(() => Create(new ConstrainedTask(1, HeadTask.MultiClass, 3, HarmKind.Parity, 0.0, 1.0, ViolationKind.OneSided)));
        Should.Throw<ArgumentOutOfRangeException>(() => new FairnessConstraint([regression], HarmReference.BestGroup, ConstraintAggregation.Max, 0, 8));
        Should.Throw<ArgumentOutOfRangeException>(() => new FairnessConstraint([regression], (HarmReference)4, ConstraintAggregation.Max, 2, 8));
    }
}
