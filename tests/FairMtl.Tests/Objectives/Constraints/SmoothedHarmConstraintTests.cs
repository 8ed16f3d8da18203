using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using static FairMtl.Tests.Objectives.Constraints.ConstraintTestData;

namespace FairMtl.Tests.Objectives.Constraints;

/// <summary>The running group statistics of <c>constraint.smoothing</c>: a harm combines a times the running sums and
/// counts with the batch's, only <see cref="GroupHarm.Advance"/> rolls them forward, and the gradient flows through the
/// batch's rows.</summary>
public class SmoothedHarmConstraintTests
{
    private const int Groups = 2;
    private const int Rows = 30;
    private const double Decay = 0.8;

    [Theory]
    [MemberData(nameof(HarmCases), MemberType = typeof(ConstraintTestData))]
    public void A_smoothed_harm_is_the_running_mean_and_its_gradient_matches_finite_differences_of_the_batch(HeadTask task, HarmKind kind, bool favourableNegative)
    {
        var classes = task is HeadTask.MultiClass or HeadTask.MultiLabel ? 3 : 0;
        var first = Make(task, classes, Groups, Rows, seed: 11);
        var second = Make(task, classes, Groups, Rows, seed: 12);
        var smoothed = new GroupHarm(task, kind, classes, Groups, Rows, favourableNegative, Decay);
        smoothed.Compute<double>(first.Outputs, first.Targets, first.Groups, Rows);
        smoothed.Advance();
        smoothed.Compute<double>(second.Outputs, second.Targets, second.Groups, Rows);
        var harms = smoothed.Harm.ToArray();
        var gradient = smoothed.RowGradient.ToArray();

        // The same harm again without Advance: evaluating a batch twice does not move the running statistics.
        smoothed.Compute<double>(second.Outputs, second.Targets, second.Groups, Rows);
        smoothed.Harm.ToArray().ShouldBe(harms);

        var plain = new GroupHarm(task, kind, classes, Groups, Rows, favourableNegative);
        plain.Compute<double>(second.Outputs, second.Targets, second.Groups, Rows);
        plain.Harm.ToArray().ShouldNotBe(harms, "the running statistics must change the harm");

        var outputs = second.Outputs;
        for (var i = 0; i < outputs.Length; i++)
        {
            var group = second.Groups[i / second.Outputs1];
            if (group < 0)
            {
                gradient[i].ShouldBe(0f);
                continue;
            }

            var numeric = Central(outputs, i, () =>
            {
                smoothed.Compute<double>(outputs, second.Targets, second.Groups, Rows);
                return smoothed.Harm[group];
            });
            ShouldMatch(gradient[i], numeric, $"d h({group}) / d output {i}");
        }
    }

    [Fact]
    public void A_binary_opportunity_harm_pools_a_times_the_earlier_positives_with_the_batchs()
    {
        // Group 0: earlier batch 2 positives with p = 0.5 each; this batch 1 positive with p = sigmoid(2).
        float[] earlierTargets = [1f, 1f], targets = [1f];
        var harm = new GroupHarm(HeadTask.Binary, HarmKind.Opportunity, 0, 1, 4, smoothing: 0.5);
        harm.Compute<double>([0d, 0d], earlierTargets, [0, 0], 2);
        harm.Advance();
        harm.Compute<double>([2d], targets, [0], 1);

        var expected = 1d - (((0.5 * (0.5 + 0.5)) + Sigmoid(2)) / ((0.5 * 2) + 1));
        harm.Harm[0].ShouldBe(expected, 1e-15);
    }

    [Fact]
    public void Without_smoothing_advance_changes_nothing()
    {
        var first = Make(HeadTask.Binary, 0, Groups, Rows, seed: 3);
        var harm = new GroupHarm(HeadTask.Binary, HarmKind.Parity, 0, Groups, Rows);
        harm.Compute<double>(first.Outputs, first.Targets, first.Groups, Rows);
        var before = harm.Harm.ToArray();
        harm.Advance();
        harm.Compute<double>(first.Outputs, first.Targets, first.Groups, Rows);
        harm.Harm.ToArray().ShouldBe(before);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void A_smoothing_outside_0_to_1_is_refused(double smoothing) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new GroupHarm(HeadTask.Binary, HarmKind.Parity, 0, Groups, Rows, smoothing: smoothing));
}
