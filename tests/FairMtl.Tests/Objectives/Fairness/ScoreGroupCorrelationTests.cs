using FairMtl.Objectives.Fairness;
using static FairMtl.Tests.Objectives.Fairness.FairnessTestData;

namespace FairMtl.Tests.Objectives.Fairness;

public class ScoreGroupCorrelationTests
{
    [Fact]
    public void Value_is_the_absolute_pearson_correlation_of_scores_and_group()
    {
        var scores = Logits.Select(l => Sigmoid(l)).ToArray();
        var indicator = Groups.Select(g => (double)g).ToArray();

        var loss = new ScoreGroupCorrelation(2).Compute(Logits, Targets, Groups, 6, Garbage(6));

        loss.ShouldBe(Math.Abs(Pearson(scores, indicator)), 1e-12);
        Pearson(scores, indicator).ShouldBeLessThan(0);
    }

    [Fact]
    public void Four_rows_by_hand()
    {
        // Group 0: logits -1, 0.5; group 1: 1, 2. Population moments, a = (0, 0, 1, 1), mean(a) = 1/2, var(a) = 1/4.
        float[] logits = [-1f, 0.5f, 1f, 2f];
        double p0 = Sigmoid(-1), p1 = Sigmoid(0.5), p2 = Sigmoid(1), p3 = Sigmoid(2);
        var mean = (p0 + p1 + p2 + p3) / 4;
        var covariance = (((p0 - mean) * -0.5) + ((p1 - mean) * -0.5) + ((p2 - mean) * 0.5) + ((p3 - mean) * 0.5)) / 4;
        var variance = (Math.Pow(p0 - mean, 2) + Math.Pow(p1 - mean, 2) + Math.Pow(p2 - mean, 2) + Math.Pow(p3 - mean, 2)) / 4;

        var loss = new ScoreGroupCorrelation(2).Compute(logits, new float[4], [0, 0, 1, 1], 4, Garbage(4));

        loss.ShouldBe(Math.Abs(covariance / (Math.Sqrt(variance) * Math.Sqrt(0.25))), 1e-12);
    }

    [Fact]
    public void Two_rows_in_different_groups_are_perfectly_correlated_with_zero_gradient()
    {
        var gradient = Garbage(2);

        new ScoreGroupCorrelation(2).Compute([0.3f, -1.2f], [0f, 0f], [1, 0], 2, gradient).ShouldBe(1, 1e-12);
        gradient.ShouldAllBe(g => Math.Abs(g) < 1e-7f);
    }

    [Fact]
    public void Uncorrelated_scores_give_zero_and_by_sign_zero_a_zero_gradient()
    {
        var gradient = Garbage(4);

        new ScoreGroupCorrelation(2).Compute([0.2f, 0.2f, 1.4f, 1.4f], new float[4], [0, 1, 0, 1], 4, gradient).ShouldBe(0);
        gradient.ShouldAllBe(g => g == 0f);
    }

    [Fact]
    public void Swapping_the_groups_keeps_the_value()
    {
        var loss = new ScoreGroupCorrelation(2);
        int[] swapped = [.. Groups.Select(g => 1 - g)];

        loss.Compute(Logits, Targets, swapped, 6, Garbage(6)).ShouldBe(loss.Compute(Logits, Targets, Groups, 6, Garbage(6)), 1e-15);
    }

    [Fact]
    public void Targets_are_ignored()
    {
        var loss = new ScoreGroupCorrelation(2);
        var gradient = new float[6];
        var flipped = new float[6];
        var value = loss.Compute(Logits, Targets, Groups, 6, gradient);

        loss.Compute(Logits, [.. Targets.Select(t => 1 - t)], Groups, 6, flipped).ShouldBe(value);
        flipped.ShouldBe(gradient);
    }

    public static TheoryData<int, double> GradientCases()
    {
        var cases = new TheoryData<int, double>();
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            cases.Add(seed, 1.5);
            cases.Add(seed, -1.5);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Gradient_matches_central_finite_differences(int seed, double shift)
    {
        var (logits, groups) = RandomTwoGroupBatch(seed, rows: 12, shift);
        var loss = new ScoreGroupCorrelation(2);

        // Clear of the kink of |r| at 0.
        loss.Compute(logits, new float[12], groups, 12, Span<float>.Empty).ShouldBeGreaterThan(0.05);

        ShouldMatchFiniteDifferences(loss, logits, new float[12], groups);
    }

    [Fact]
    public void Equal_scores_give_zero_and_zero_gradient()
    {
        var gradient = Garbage(6);

        new ScoreGroupCorrelation(2).Compute([0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f], Targets, [0, 1, 0, 0, 1, 0], 6, gradient).ShouldBe(0);
        gradient.ShouldAllBe(g => g == 0f);
    }

    [Fact]
    public void Fewer_than_two_rows_give_zero_and_zero_gradient()
    {
        var loss = new ScoreGroupCorrelation(2);
        var gradient = Garbage(2);

        loss.Compute(Logits, Targets, Groups, 1, gradient).ShouldBe(0);
        gradient[0].ShouldBe(0f);
        gradient[1].ShouldBe(float.NaN);
        loss.Compute(Logits, Targets, Groups, 0, gradient).ShouldBe(0);
    }

    /// <summary>Σ(x - x̄)(y - ȳ) / sqrt(Σ(x - x̄)² Σ(y - ȳ)²).</summary>
    private static double Pearson(double[] x, double[] y)
    {
        var meanX = x.Average();
        var meanY = y.Average();
        var covariance = x.Zip(y, (a, b) => (a - meanX) * (b - meanY)).Sum();
        return covariance / Math.Sqrt(x.Sum(a => (a - meanX) * (a - meanX)) * y.Sum(b => (b - meanY) * (b - meanY)));
    }
}
