using FairMtl.Objectives.Fairness;
using static FairMtl.Tests.Objectives.Fairness.FairnessTestData;

namespace FairMtl.Tests.Objectives.Fairness;

public class BoundedGroupLossTests
{
    [Fact]
    public void Only_groups_above_the_bound_count_and_receive_gradient()
    {
        var gradient = Garbage(6);

        var loss = new BoundedGroupLoss(2, 0.5).Compute(Logits, Targets, Groups, 6, gradient);

        L0.ShouldBeLessThan(0.5);
        loss.ShouldBe(Math.Max(0, L0 - 0.5) + Math.Max(0, L1 - 0.5), 1e-12);
        for (var i = 0; i < 6; i++)
        {
            var expected = Groups[i] == 1 ? (Sigmoid(Logits[i]) - Targets[i]) / 3 : 0;
            gradient[i].ShouldBe((float)expected, 1e-7f);
        }
    }

    [Fact]
    public void Every_group_above_the_bound_adds_its_excess()
    {
        new BoundedGroupLoss(2, 0.1).Compute(Logits, Targets, Groups, 6, Garbage(6)).ShouldBe(L0 - 0.1 + (L1 - 0.1), 1e-12);
    }

    [Fact]
    public void A_bound_above_every_group_loss_gives_zero()
    {
        var gradient = Garbage(6);

        new BoundedGroupLoss(2, 2.0).Compute(Logits, Targets, Groups, 6, gradient).ShouldBe(0);
        gradient.ShouldAllBe(g => g == 0f);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void The_bound_must_be_finite_and_non_negative(double epsilon)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new BoundedGroupLoss(2, epsilon));
    }
}
