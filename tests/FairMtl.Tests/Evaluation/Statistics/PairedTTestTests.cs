using FairMtl.Evaluation.Statistics;

namespace FairMtl.Tests.Evaluation.Statistics;

public class PairedTTestTests
{
    // Student's sleep data (Cushny & Peebles), R's `sleep` data set: extra hours of sleep of ten patients on two drugs.
    private static readonly double[] Drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] Drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    [Fact]
    public void Sleep_data_match_the_published_paired_t_test()
    {
        // R's example(t.test), paired: t = -4.0621, df = 9, p-value = 0.002833, 95 percent confidence interval
        // -2.4598858 -0.7001142, mean difference -1.58. Tolerances are half a unit in the last printed digit.
        var result = PairedTTest.Test(Drug1, Drug2);
        result.Count.ShouldBe(10);
        result.MeanDifference.ShouldBe(-1.58, 1e-12);
        result.Statistic.ShouldBe(-4.0621, 5e-5);
        result.PValue.ShouldBe(0.002833, 5e-7);
        result.Low.ShouldBe(-2.4598858, 5e-8);
        result.High.ShouldBe(-0.7001142, 5e-8);
    }

    [Fact]
    public void Swapping_the_samples_negates_the_difference_and_keeps_p()
    {
        var forward = PairedTTest.Test(Drug1, Drug2);
        var backward = PairedTTest.Test(Drug2, Drug1);
        backward.MeanDifference.ShouldBe(-forward.MeanDifference, 1e-15);
        backward.Statistic.ShouldBe(-forward.Statistic, 1e-12);
        backward.Low.ShouldBe(-forward.High, 1e-12);
        backward.PValue.ShouldBe(forward.PValue, 1e-15);
    }

    [Fact]
    public void Statistic_is_the_mean_difference_over_its_standard_error()
    {
        // Differences 2 ± 3, five of each: mean 2, s = √10, standard error 1, so t = 2 and the interval is
        // 2 ± t_{0.975, 9} = 2 ± 2.262157163 (t table). p = 2 (1 - F_9(2)).
        double[] a = [5, -1, 5, -1, 5, -1, 5, -1, 5, -1];
        var b = new double[10];
        var result = PairedTTest.Test(a, b);
        result.Statistic.ShouldBe(2, 1e-15);
        result.Low.ShouldBe(2 - 2.262157163, 1e-9);
        result.High.ShouldBe(2 + 2.262157163, 1e-9);
        result.PValue.ShouldBe(2 * (1 - StudentT.Cdf(2, 9)), 1e-15);
    }

    [Fact]
    public void Identical_samples_give_p_one()
    {
        double[] a = [0.5, 0.25, 0.125];
        PairedTTest.Test(a, a).ShouldBe(new PairedTestResult(3, 0, 0, 0, 0, 1));
    }

    [Fact]
    public void A_constant_nonzero_difference_gives_p_zero()
    {
        PairedTTest.Test([1.5, 2.5, 3.5], [1, 2, 3])
            .ShouldBe(new PairedTestResult(3, 0.5, 0.5, 0.5, double.PositiveInfinity, 0));
        PairedTTest.Test([1, 2, 3], [1.5, 2.5, 3.5])
            .ShouldBe(new PairedTestResult(3, -0.5, -0.5, -0.5, double.NegativeInfinity, 0));
    }

    [Fact]
    public void Fewer_than_two_pairs_give_no_test()
    {
        PairedTTest.Test([3.0], [1.0])
            .ShouldBe(new PairedTestResult(1, 2, double.NaN, double.NaN, double.NaN, double.NaN));
        PairedTTest.Test([], []).ShouldBe(
            new PairedTestResult(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));
    }

    [Fact]
    public void Lengths_must_match() =>
        Should.Throw<ArgumentException>(() => PairedTTest.Test([1.0, 2.0], [1.0])).ParamName.ShouldBe("b");
}
