using FairMtl.Evaluation.Statistics;

namespace FairMtl.Tests.Evaluation.Statistics;

public class SampleSummaryTests
{
    // Five values 5 - 3 and five 5 + 3: mean 5, sum of squared deviations 10 · 9 = 90, s = √(90 / 9) = √10, so the
    // standard error s / √10 is 1 and the interval is 5 ± t_{(1+c)/2, 9} (t table: t_{0.975, 9} = 2.262157163,
    // t_{0.95, 9} = 1.833112933).
    private static readonly double[] PlusMinusThree = [2, 8, 2, 8, 2, 8, 2, 8, 2, 8];

    [Fact]
    public void Mean_standard_deviation_and_t_interval()
    {
        var summary = SampleSummary.Of(PlusMinusThree);
        summary.Count.ShouldBe(10);
        summary.Mean.ShouldBe(5);
        summary.StandardDeviation.ShouldBe(Math.Sqrt(10), 1e-15);
        summary.Low.ShouldBe(5 - 2.262157163, 1e-9);
        summary.High.ShouldBe(5 + 2.262157163, 1e-9);
    }

    [Fact]
    public void A_lower_confidence_gives_a_narrower_interval()
    {
        var summary = SampleSummary.Of(PlusMinusThree, confidence: 0.90);
        summary.Low.ShouldBe(5 - 1.833112933, 1e-9);
        summary.High.ShouldBe(5 + 1.833112933, 1e-9);
    }

    [Fact]
    public void One_value_has_no_spread_and_no_interval()
    {
        SampleSummary.Of([0.75]).ShouldBe(new SampleSummary(1, 0.75, 0, double.NaN, double.NaN));
    }

    [Fact]
    public void No_values_give_nan() =>
        SampleSummary.Of([]).ShouldBe(new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN));

    [Fact]
    public void Constant_data_give_exactly_that_constant()
    {
        // Summed naively, ten 0.1s give 0.9999999999999999 and a mean just below 0.1.
        double[] tenths = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
        SampleSummary.Of(tenths).ShouldBe(new SampleSummary(10, 0.1, 0, 0.1, 0.1));
    }

    [Fact]
    public void A_nan_value_makes_everything_nan()
    {
        var summary = SampleSummary.Of([1.0, double.NaN, 3.0]);
        summary.Mean.ShouldBe(double.NaN);
        summary.StandardDeviation.ShouldBe(double.NaN);
        summary.Low.ShouldBe(double.NaN);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Confidence_must_lie_strictly_between_zero_and_one(double confidence) =>
        Should.Throw<ArgumentOutOfRangeException>(() => SampleSummary.Of([1.0, 2.0], confidence)).ParamName
            .ShouldBe("confidence");
}
