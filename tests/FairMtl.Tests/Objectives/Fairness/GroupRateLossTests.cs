using FairMtl.Objectives.Fairness;
using static FairMtl.Tests.Objectives.Fairness.FairnessTestData;

namespace FairMtl.Tests.Objectives.Fairness;

public class GroupRateLossTests
{
    [Fact]
    public void Demographic_parity_compares_mean_probabilities_over_all_rows()
    {
        var s0 = (Sigmoid(0.5) + Sigmoid(-1) + Sigmoid(2)) / 3;
        var s1 = (Sigmoid(0) + Sigmoid(1.5) + Sigmoid(-0.5)) / 3;
        var gradient = Garbage(6);

        var loss = new DemographicParityLoss(2).Compute(Logits, Targets, Groups, 6, gradient);

        loss.ShouldBe(Math.Abs(s1 - s0), 1e-12);
        s0.ShouldBeGreaterThan(s1);
        for (var i = 0; i < 6; i++)
        {
            var p = Sigmoid(Logits[i]);
            var sign = Groups[i] == 0 ? 1.0 : -1.0;
            gradient[i].ShouldBe((float)(sign * p * (1 - p) / 3), 1e-7f);
        }
    }

    [Fact]
    public void Demographic_parity_over_three_groups_is_the_spread_and_skips_the_middle_group()
    {
        var s0 = (Sigmoid(1) + Sigmoid(-1)) / 2;
        var s1 = (Sigmoid(0.5) + Sigmoid(2)) / 2;
        var s2 = (Sigmoid(-2) + Sigmoid(0)) / 2;
        var gradient = Garbage(6);

        var loss = new DemographicParityLoss(3).Compute(Logits3, Targets3, Groups3, 6, gradient);

        loss.ShouldBe(Math.Max(s0, Math.Max(s1, s2)) - Math.Min(s0, Math.Min(s1, s2)), 1e-12);
        loss.ShouldBe(s1 - s2, 1e-12);
        gradient[0].ShouldBe(0f);
        gradient[1].ShouldBe(0f);
        gradient[2].ShouldBe((float)(Sigmoid(0.5) * (1 - Sigmoid(0.5)) / 2), 1e-7f);
        gradient[4].ShouldBe((float)(-Sigmoid(-2) * (1 - Sigmoid(-2)) / 2), 1e-7f);
    }

    [Fact]
    public void Ties_give_zero_gradient()
    {
        float[] logits = [0.4f, -1.2f, 0.4f, -1.2f, 0.4f, -1.2f];
        float[] targets = [1f, 0f, 0f, 1f, 1f, 1f];
        var gradient = Garbage(6);

        new DemographicParityLoss(3).Compute(logits, targets, Groups3, 6, gradient).ShouldBe(0);
        gradient.ShouldAllBe(g => g == 0f);
    }

    [Fact]
    public void False_positive_rate_compares_mean_probabilities_over_negative_rows()
    {
        var s0 = Sigmoid(-1);
        var s1 = (Sigmoid(1.5) + Sigmoid(-0.5)) / 2;
        var gradient = Garbage(6);

        var loss = new FalsePositiveRateLoss(2).Compute(Logits, Targets, Groups, 6, gradient);

        loss.ShouldBe(Math.Abs(s1 - s0), 1e-12);
        gradient[0].ShouldBe(0f);
        gradient[1].ShouldBe((float)(-Sigmoid(-1) * (1 - Sigmoid(-1))), 1e-7f);
        gradient[2].ShouldBe(0f);
        gradient[3].ShouldBe(0f);
        gradient[4].ShouldBe((float)(Sigmoid(1.5) * (1 - Sigmoid(1.5)) / 2), 1e-7f);
    }

    [Fact]
    public void True_positive_rate_compares_mean_probabilities_over_positive_rows()
    {
        var s0 = (Sigmoid(0.5) + Sigmoid(2)) / 2;
        var s1 = Sigmoid(0);
        var gradient = Garbage(6);

        var loss = new TruePositiveRateLoss(2).Compute(Logits, Targets, Groups, 6, gradient);

        loss.ShouldBe(Math.Abs(s1 - s0), 1e-12);
        gradient[0].ShouldBe((float)(Sigmoid(0.5) * (1 - Sigmoid(0.5)) / 2), 1e-7f);
        gradient[1].ShouldBe(0f);
        gradient[3].ShouldBe(-0.25f, 1e-7f);
        gradient[4].ShouldBe(0f);
        gradient[5].ShouldBe(0f);
    }

    [Fact]
    public void False_positive_rate_ignores_a_group_without_negatives()
    {
        var gradient = Garbage(4);

        new FalsePositiveRateLoss(2).Compute([0.3f, -0.2f, 1.1f, 0.7f], [0f, 1f, 1f, 1f], [0, 0, 1, 1], 4, gradient).ShouldBe(0);
        gradient.ShouldAllBe(g => g == 0f);
    }

    [Fact]
    public void False_positive_rate_compares_the_groups_that_have_negatives()
    {
        float[] logits = [0.3f, -0.2f, 1.1f, 0.7f, -0.9f, 0.6f];
        var gradient = Garbage(6);

        var loss = new FalsePositiveRateLoss(3).Compute(logits, [0f, 1f, 1f, 1f, 0f, 0f], Groups3, 6, gradient);

        loss.ShouldBe(Math.Abs(((Sigmoid(-0.9f) + Sigmoid(0.6f)) / 2) - Sigmoid(0.3f)), 1e-12);
        gradient[1].ShouldBe(0f);
        gradient[2].ShouldBe(0f);
        gradient[3].ShouldBe(0f);
        gradient[0].ShouldNotBe(0f);
        gradient[4].ShouldNotBe(0f);
    }
}
