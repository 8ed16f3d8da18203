using FairMtl.Evaluation.MultiTask;

namespace FairMtl.Tests.Evaluation.MultiTask;

public class RelativeMetricsTests
{
    // Dyadic values, so every ratio below is exact.
    [Fact]
    public void Two_tasks_give_the_mean_of_the_ratios_to_the_single_task_values()
    {
        // ARFG: (0.1875 / 0.25 + 0.25 / 0.125) / 2 = (0.75 + 2) / 2 = 1.375
        RelativeMetrics.Arfg([0.1875, 0.25], [0.25, 0.125]).ShouldBe(1.375);

        // ARE: (0.15625 / 0.125 + 0.375 / 0.5) / 2 = (1.25 + 0.75) / 2 = 1
        RelativeMetrics.Are([0.15625, 0.375], [0.125, 0.5]).ShouldBe(1.0);
    }

    [Fact]
    public void Values_equal_to_the_single_task_ones_give_one()
    {
        RelativeMetrics.Are([0.25, 0.5, 0.125], [0.25, 0.5, 0.125]).ShouldBe(1.0);
    }

    [Fact]
    public void A_zero_or_nan_single_task_value_gives_nan()
    {
        RelativeMetrics.Arfg([0.25, 0.5], [0.5, 0.0]).ShouldBe(double.NaN); // 0.5 / 0 would be +infinity
        RelativeMetrics.Arfg([0.25, 0.0], [0.5, 0.0]).ShouldBe(double.NaN);
        RelativeMetrics.Are([0.25, 0.5], [double.NaN, 0.5]).ShouldBe(double.NaN);
        RelativeMetrics.Are([double.NaN, 0.5], [0.25, 0.5]).ShouldBe(double.NaN);
    }

    [Fact]
    public void No_tasks_give_nan() => RelativeMetrics.Are([], []).ShouldBe(double.NaN);

    [Fact]
    public void Lengths_must_match()
    {
        Should.Throw<ArgumentException>(() => RelativeMetrics.Arfg([0.25, 0.5], [0.5])).ParamName.ShouldBe("stlFprGaps");
        Should.Throw<ArgumentException>(() => RelativeMetrics.Are([0.25], [0.5, 0.5])).ParamName.ShouldBe("stlErrors");
    }
}
