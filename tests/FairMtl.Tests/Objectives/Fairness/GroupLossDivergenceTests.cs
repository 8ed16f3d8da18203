using FairMtl.Objectives.Fairness;
using static FairMtl.Tests.Objectives.Fairness.FairnessTestData;

namespace FairMtl.Tests.Objectives.Fairness;

public class GroupLossDivergenceTests
{
    [Fact]
    public void Two_groups_give_the_exponentiated_divergence_of_the_softmax_from_uniform()
    {
        var p0 = Math.Exp(-L0) / (Math.Exp(-L0) + Math.Exp(-L1));
        var p1 = Math.Exp(-L1) / (Math.Exp(-L0) + Math.Exp(-L1));
        var divergence = (p0 * Math.Log(2 * p0)) + (p1 * Math.Log(2 * p1));

        new GroupLossDivergence(2).Compute(Logits, Targets, Groups, 6, Garbage(6)).ShouldBe(Math.Exp(divergence) - 1, 1e-12);
    }

    [Fact]
    public void Three_groups_give_the_exponentiated_divergence_of_the_softmax_from_uniform()
    {
        var partition = Math.Exp(-L3_0) + Math.Exp(-L3_1) + Math.Exp(-L3_2);
        var p0 = Math.Exp(-L3_0) / partition;
        var p1 = Math.Exp(-L3_1) / partition;
        var p2 = Math.Exp(-L3_2) / partition;
        var divergence = (p0 * Math.Log(3 * p0)) + (p1 * Math.Log(3 * p1)) + (p2 * Math.Log(3 * p2));

        new GroupLossDivergence(3).Compute(Logits3, Targets3, Groups3, 6, Garbage(6)).ShouldBe(Math.Exp(divergence) - 1, 1e-12);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Equal_group_losses_give_zero(int groupCount)
    {
        var (logits, targets, groups, rows) = EqualLosses(groupCount);
        var gradient = Garbage(rows);

        new GroupLossDivergence(groupCount).Compute(logits, targets, groups, rows, gradient).ShouldBe(0);
        gradient.ShouldAllBe(g => g == 0f);
    }
}
