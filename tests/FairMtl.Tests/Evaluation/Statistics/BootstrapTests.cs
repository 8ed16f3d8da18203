using FairMtl.Evaluation.Statistics;
using FairMtl.Numerics;

namespace FairMtl.Tests.Evaluation.Statistics;

public class BootstrapTests
{
    [Fact]
    public void The_same_seed_gives_the_same_interval()
    {
        var values = Skewed(40, seed: 7);
        var first = Bootstrap.MeanInterval(values, 2000, 0.95, seed: 11);
        var second = Bootstrap.MeanInterval(values, 2000, 0.95, seed: 11);
        second.ShouldBe(first);
        Bootstrap.MeanInterval(values, 2000, 0.95, seed: 12).ShouldNotBe(first);
    }

    [Fact]
    public void Ends_are_nearest_rank_percentiles_of_the_sorted_resample_means()
    {
        // Whole numbers over n = 8: every resample mean is exact, whatever the order of summation. Of 1000 sorted
        // means, the 2.5th percentile has rank ⌈0.025 · 1000⌉ = 25 and the 97.5th rank ⌈0.975 · 1000⌉ = 975.
        double[] values = [1, 2, 3, 5, 8, 13, 21, 34];
        var random = new DeterministicRandom(3);
        var means = new double[1000];
        for (var r = 0; r < means.Length; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < values.Length; i++)
            {
                sum += values[random.NextInt(values.Length)];
            }

            means[r] = sum / values.Length;
        }

        Array.Sort(means);
        Bootstrap.MeanInterval(values, 1000, 0.95, seed: 3).ShouldBe((means[24], means[974]));
    }

    [Fact]
    public void The_interval_of_a_skewed_sample_contains_its_mean()
    {
        var values = Skewed(30, seed: 1);
        var mean = SampleSummary.Of(values).Mean;
        var (low, high) = Bootstrap.MeanInterval(values, 4000, 0.95, seed: 5);
        low.ShouldBeLessThan(mean);
        high.ShouldBeGreaterThan(mean);
    }

    [Fact]
    public void The_interval_narrows_as_the_sample_grows()
    {
        // The standard error falls like 1/√n: a hundred times the data, about a tenth of the width.
        var (smallLow, smallHigh) = Bootstrap.MeanInterval(Skewed(20, seed: 2), 2000, 0.95, seed: 9);
        var (largeLow, largeHigh) = Bootstrap.MeanInterval(Skewed(2000, seed: 2), 2000, 0.95, seed: 9);
        (largeHigh - largeLow).ShouldBeLessThan((smallHigh - smallLow) / 4);
    }

    [Fact]
    public void Constant_data_give_a_zero_width_interval_at_the_constant()
    {
        double[] tenths = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
        Bootstrap.MeanInterval(tenths, 500, 0.9, seed: 4).ShouldBe((0.1, 0.1));
    }

    [Fact]
    public void A_nan_value_gives_nan_ends() =>
        Bootstrap.MeanInterval([1.0, double.NaN], 100, 0.95, seed: 1).ShouldBe((double.NaN, double.NaN));

    [Fact]
    public void Arguments_are_checked()
    {
        Should.Throw<ArgumentException>(() => Bootstrap.MeanInterval([], 100, 0.95, 1)).ParamName.ShouldBe("values");
        Should.Throw<ArgumentOutOfRangeException>(() => Bootstrap.MeanInterval([1.0], 0, 0.95, 1)).ParamName
            .ShouldBe("resamples");
        Should.Throw<ArgumentOutOfRangeException>(() => Bootstrap.MeanInterval([1.0], 10, 1.0, 1)).ParamName
            .ShouldBe("confidence");
    }

    // Exponential deviates, -ln(1 - u): right-skewed, like per-seed error gaps.
    private static double[] Skewed(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = -Math.Log(1 - random.NextDouble());
        }

        return values;
    }
}
