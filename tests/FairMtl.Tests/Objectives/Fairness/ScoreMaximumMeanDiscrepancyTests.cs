using FairMtl.Objectives.Fairness;
using static FairMtl.Tests.Objectives.Fairness.FairnessTestData;

namespace FairMtl.Tests.Objectives.Fairness;

public class ScoreMaximumMeanDiscrepancyTests
{
    [Fact]
    public void Two_rows_per_group_by_hand()
    {
        // Group 0: rows 0 and 2 (scores a, b); group 1: rows 1 and 3 (scores c, d).
        const double sigma = 0.5;
        double K(double x, double y) => Math.Exp(-(x - y) * (x - y) / (2 * sigma * sigma));
        double a = Sigmoid(0.5), b = Sigmoid(2), c = Sigmoid(-1), d = Sigmoid(0);
        var within0 = (K(a, a) + K(a, b) + K(b, a) + K(b, b)) / 4;
        var within1 = (K(c, c) + K(c, d) + K(d, c) + K(d, d)) / 4;
        var between = (K(a, c) + K(a, d) + K(b, c) + K(b, d)) / 4;

        var loss = new ScoreMaximumMeanDiscrepancy(2, sigma).Compute([0.5f, -1f, 2f, 0f], new float[4], [0, 1, 0, 1], 4, Garbage(4));

        loss.ShouldBe(within0 + within1 - (2 * between), 1e-12);
        K(a, a).ShouldBe(1);
    }

    [Fact]
    public void Two_plus_one_rows_by_hand()
    {
        const double sigma = 0.3;
        double K(double x, double y) => Math.Exp(-(x - y) * (x - y) / (2 * sigma * sigma));
        double a = Sigmoid(1.5), b = Sigmoid(-0.5), c = Sigmoid(0.25);
        var expected = ((2 + (2 * K(a, b))) / 4) + 1 - (2 * (K(a, c) + K(b, c)) / 2);

        new ScoreMaximumMeanDiscrepancy(2, sigma).Compute([1.5f, 0.25f, -0.5f], new float[3], [0, 1, 0], 3, Garbage(3))
            .ShouldBe(expected, 1e-12);
    }

    [Fact]
    public void One_row_per_group_gives_two_minus_twice_the_kernel_and_its_gradient()
    {
        // MMD² = 2 - 2 k(p, q); d/dp = 2 k (p - q) / σ², times p (1 - p) for the logit.
        const double sigma = 0.5;
        double p = Sigmoid(0.75), q = Sigmoid(-0.5);
        var kernel = Math.Exp(-(p - q) * (p - q) / (2 * sigma * sigma));
        var gradient = Garbage(2);

        var loss = new ScoreMaximumMeanDiscrepancy(2, sigma).Compute([0.75f, -0.5f], [1f, 0f], [1, 0], 2, gradient);

        loss.ShouldBe(2 - (2 * kernel), 1e-12);
        gradient[0].ShouldBe((float)(2 * kernel * (p - q) / (sigma * sigma) * p * (1 - p)), 1e-7f);
        gradient[1].ShouldBe((float)(2 * kernel * (q - p) / (sigma * sigma) * q * (1 - q)), 1e-7f);
    }

    [Fact]
    public void Swapping_the_groups_keeps_the_value()
    {
        var loss = new ScoreMaximumMeanDiscrepancy(2, 0.5);
        int[] swapped = [.. Groups.Select(g => 1 - g)];

        loss.Compute(Logits, Targets, swapped, 6, Garbage(6)).ShouldBe(loss.Compute(Logits, Targets, Groups, 6, Garbage(6)), 1e-15);
    }

    [Fact]
    public void Targets_are_ignored()
    {
        var loss = new ScoreMaximumMeanDiscrepancy(2, 0.5);
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
            cases.Add(seed, 0.5);
            cases.Add(seed, 0.1);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Gradient_matches_central_finite_differences(int seed, double sigma)
    {
        var (logits, groups) = RandomTwoGroupBatch(seed, rows: 12, shift: 0.8);
        var loss = new ScoreMaximumMeanDiscrepancy(2, sigma);

        loss.Compute(logits, new float[12], groups, 12, Span<float>.Empty).ShouldBeGreaterThan(0);

        ShouldMatchFiniteDifferences(loss, logits, new float[12], groups);
    }

    [Theory]
    [InlineData(37, 0.1)]
    [InlineData(256, 0.1)]
    [InlineData(5, 0.5)]
    public void Large_and_odd_batches_match_the_sum_over_all_ordered_pairs(int rows, double sigma)
    {
        // The loss visits each unordered pair once, four rows at a time; the definition sums every ordered pair.
        var (logits, groups) = RandomTwoGroupBatch(rows, rows, shift: 0.5);
        var p = logits.Select(l => Sigmoid(l)).ToArray();
        double n0 = groups.Count(g => g == 0), n1 = rows - n0;
        double within0 = 0, within1 = 0, between = 0;
        var expectedGradient = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < rows; j++)
            {
                var k = Math.Exp(-(p[i] - p[j]) * (p[i] - p[j]) / (2 * sigma * sigma));
                var slope = -(p[i] - p[j]) * k / (sigma * sigma);
                if (groups[i] == groups[j])
                {
                    if (groups[i] == 0)
                    {
                        within0 += k;
                    }
                    else
                    {
                        within1 += k;
                    }

                    var own = groups[i] == 0 ? n0 : n1;
                    expectedGradient[i] += 2 * slope / (own * own);
                }
                else
                {
                    between += k;
                    expectedGradient[i] -= 2 * slope / (n0 * n1);
                }
            }

            expectedGradient[i] *= p[i] * (1 - p[i]);
        }

        var loss = new ScoreMaximumMeanDiscrepancy(2, sigma, maxRows: 8);
        loss.Compute(Garbage(300).Select(_ => 3f).ToArray(), new float[300], [.. Enumerable.Range(0, 300).Select(i => i % 2)], 300, Garbage(300)); // a larger batch first: nothing of it may stay
        var gradient = Garbage(rows);
        var value = loss.Compute(logits, new float[rows], groups, rows, gradient);

        value.ShouldBe((within0 / (n0 * n0)) + (within1 / (n1 * n1)) - (between / (n0 * n1)), 1e-12);
        for (var i = 0; i < rows; i++)
        {
            gradient[i].ShouldBe((float)expectedGradient[i], 1e-6f + (1e-5f * Math.Abs((float)expectedGradient[i])), $"row {i}");
        }

        var again = Garbage(rows);
        new ScoreMaximumMeanDiscrepancy(2, sigma).Compute(logits, new float[rows], groups, rows, again).ShouldBe(value);
        again.ShouldBe(gradient);
    }

    public static TheoryData<int, int> OrderCases()
    {
        var cases = new TheoryData<int, int>();
        foreach (var rows in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17, 31, 64, 257, 1024 })
        {
            cases.Add(rows, rows);
        }

        cases.Add(40, 1000); // long runs of one group
        cases.Add(41, 1001);
        return cases;
    }

    [Theory]
    [MemberData(nameof(OrderCases))]
    public void Every_row_sum_is_the_chain_over_all_rows_in_ascending_order_bit_for_bit(int rows, int seed)
    {
        // The order the training results depend on: row i's four sums (kernels and slopes, own group and the other) are
        // each one chain of additions over j = 0, 1, ..., n-1 from +0, the kernel exp((-d * d) / (2 sigma^2)) with
        // d = p_i - p_j (PortableExp) and the slope term (p_j - p_i) k; the loss and the gradient are then assembled
        // from those sums. However the pairs are visited, the bits must be these.
        const double sigma = 0.07;
        var random = new Random(seed);
        var logits = new float[rows];
        var groups = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            logits[i] = (float)((random.NextDouble() * 6) - 4);
            groups[i] = seed >= 1000 ? (i / 7) % 2 : random.Next(2);
            if (i % 9 == 4 && i > 0)
            {
                logits[i] = logits[i - 1]; // ties: equal scores
            }
        }

        groups[0] = 0;
        if (rows > 1)
        {
            groups[rows - 1] = 1;
        }

        var (expectedValue, expectedGradient, expectedSums) = ChainedMmd(logits, groups, sigma);
        var gradient = Garbage(rows);
        var loss = new ScoreMaximumMeanDiscrepancy(2, sigma);
        var value = loss.Compute(logits, new float[rows], groups, rows, gradient);

        if (rows > 1)
        {
            var (same, other, sameSlope, otherSlope) = loss.RowSums;
            double[][] sums = [same, other, sameSlope, otherSlope];
            for (var i = 0; i < rows; i++)
            {
                for (var s = 0; s < 4; s++)
                {
                    BitConverter.DoubleToInt64Bits(sums[s][i]).ShouldBe(BitConverter.DoubleToInt64Bits(expectedSums[i, s]), $"row {i}, sum {s}: {sums[s][i]:R} against {expectedSums[i, s]:R}");
                }
            }
        }

        BitConverter.DoubleToInt64Bits(value).ShouldBe(BitConverter.DoubleToInt64Bits(expectedValue), $"value {value} against {expectedValue}");
        for (var i = 0; i < rows; i++)
        {
            BitConverter.SingleToInt32Bits(gradient[i]).ShouldBe(BitConverter.SingleToInt32Bits(expectedGradient[i]), $"row {i}");
        }
    }

    /// <summary>The loss written out in the documented order: per row, each sum one ascending chain over all rows.</summary>
    private static (double Value, float[] Gradient, double[,] Sums) ChainedMmd(float[] logits, int[] groups, double sigma)
    {
        var rows = logits.Length;
        int count0 = groups.Count(g => g == 0), count1 = rows - count0;
        var gradient = new float[rows];
        var sums = new double[rows, 4];
        if (count0 == 0 || count1 == 0)
        {
            return (0, gradient, sums);
        }

        double n0 = count0, n1 = count1;
        var inverseVariance = 1.0 / (sigma * sigma);
        var inverseTwoVariance = 0.5 * inverseVariance;
        var p = logits.Select(l => FairMtl.Objectives.TaskLoss.Sigmoid(l)).ToArray();
        double within0 = 0, within1 = 0, between = 0;
        for (var i = 0; i < rows; i++)
        {
            double same = 0, other = 0, sameSlope = 0, otherSlope = 0;
            for (var j = 0; j < rows; j++)
            {
                var d = p[i] - p[j];
                var k = FairMtl.Numerics.PortableExp.Exp(-d * d * inverseTwoVariance);
                var slope = (p[j] - p[i]) * k;
                if (groups[j] == groups[i])
                {
                    same += k;
                    sameSlope += j == i ? 0.0 : slope;
                }
                else
                {
                    other += k;
                    otherSlope += slope;
                }
            }

            (sums[i, 0], sums[i, 1], sums[i, 2], sums[i, 3]) = (same, other, sameSlope, otherSlope);
            if (groups[i] == 0)
            {
                within0 += same;
            }
            else
            {
                within1 += same;
            }

            between += other;
            var own = groups[i] == 0 ? n0 : n1;
            var dp = 2.0 * inverseVariance * ((sameSlope / (own * own)) - (otherSlope / (n0 * n1)));
            gradient[i] = (float)(dp * FairMtl.Objectives.Fairness.FairnessBatch.SigmoidDerivative(logits[i]));
        }

        return ((within0 / (n0 * n0)) + (within1 / (n1 * n1)) - (between / (n0 * n1)), gradient, sums);
    }

    [Fact]
    public void Equal_scores_give_exactly_zero_and_zero_gradient()
    {
        var gradient = Garbage(6);

        new ScoreMaximumMeanDiscrepancy(2, 0.1).Compute([0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f], Targets, [0, 1, 0, 0, 1, 0], 6, gradient).ShouldBe(0);
        gradient.ShouldAllBe(g => g == 0f);
    }

    [Fact]
    public void Fewer_than_two_rows_give_zero_and_zero_gradient()
    {
        var loss = new ScoreMaximumMeanDiscrepancy(2, 0.5);
        var gradient = Garbage(2);

        loss.Compute(Logits, Targets, Groups, 1, gradient).ShouldBe(0);
        gradient[0].ShouldBe(0f);
        gradient[1].ShouldBe(float.NaN);
        loss.Compute(Logits, Targets, Groups, 0, gradient).ShouldBe(0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void The_bandwidth_must_be_finite_and_positive(double bandwidth)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ScoreMaximumMeanDiscrepancy(2, bandwidth));
    }
}
