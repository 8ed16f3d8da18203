using FairMtl.Objectives.Fairness;
using static FairMtl.Tests.Objectives.Fairness.FairnessTestData;

namespace FairMtl.Tests.Objectives.Fairness;

public class GroupLossFairnessTests
{
    [Fact]
    public void Two_groups_give_the_absolute_difference_of_their_losses()
    {
        var gradient = Garbage(6);

        var loss = new GroupLossFairness(2).Compute(Logits, Targets, Groups, 6, gradient);

        loss.ShouldBe(Math.Abs(L0 - L1), 1e-12);
        L1.ShouldBeGreaterThan(L0);
        for (var i = 0; i < 6; i++)
        {
            var sign = Groups[i] == 1 ? 1.0 : -1.0;
            gradient[i].ShouldBe((float)(sign * (Sigmoid(Logits[i]) - Targets[i]) / 3), 1e-7f);
        }
    }

    [Fact]
    public void Two_present_groups_out_of_three_use_the_two_group_formula()
    {
        int[] groups = [0, 0, 0, 2, 2, 2];

        new GroupLossFairness(3).Compute(Logits, Targets, groups, 6, Garbage(6)).ShouldBe(Math.Abs(L0 - L1), 1e-12);
    }

    [Fact]
    public void Three_groups_give_one_minus_jains_index()
    {
        var sum = L3_0 + L3_1 + L3_2;
        var sumOfSquares = (L3_0 * L3_0) + (L3_1 * L3_1) + (L3_2 * L3_2);

        new GroupLossFairness(3).Compute(Logits3, Targets3, Groups3, 6, Garbage(6))
            .ShouldBe(1 - (sum * sum / (3 * sumOfSquares)), 1e-12);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Equal_group_losses_give_zero(int groupCount)
    {
        var (logits, targets, groups, rows) = EqualLosses(groupCount);
        var gradient = Garbage(rows);

        new GroupLossFairness(groupCount).Compute(logits, targets, groups, rows, gradient).ShouldBe(0, 1e-15);
        gradient.ShouldAllBe(g => Math.Abs(g) < 1e-7f);
    }
}
