using FairMtl.Reports.Figures;

namespace FairMtl.Tests.Reports.Figures;

public class AxisTicksTests
{
    [Theory]
    [InlineData(0.13, 0.87, 0.0, 1.0, "0.0,0.2,0.4,0.6,0.8,1.0")]
    [InlineData(2.83, 3.61, 2.8, 3.8, "2.8,3.0,3.2,3.4,3.6,3.8")]
    [InlineData(0, 4.9, 0, 5, "0,1,2,3,4,5")]
    [InlineData(-0.2, 0.6, -0.2, 0.6, "-0.2,0.0,0.2,0.4,0.6")]
    [InlineData(0.862, 0.911, 0.86, 0.92, "0.86,0.87,0.88,0.89,0.90,0.91,0.92")]
    [InlineData(120, 1130, 0, 1200, "0,200,400,600,800,1000,1200")]
    [InlineData(0.3, 2.6, 0, 3, "0.0,0.5,1.0,1.5,2.0,2.5,3.0")]
    public void Linear_ticks_are_round_steps_covering_the_range(double min, double max, double low, double high, string labels)
    {
        var ticks = AxisTicks.Create(min, max, AxisScale.Linear);

        ticks.Low.ShouldBe(low);
        ticks.High.ShouldBe(high);
        string.Join(",", ticks.Labels).ShouldBe(labels);
        ticks.Ticks.ShouldBe(ticks.Ticks.Order().ToArray());
    }

    [Theory]
    [InlineData(2.83, 23.1, "2,5,10,20,50")]
    [InlineData(0.051, 7.03, "0.01,0.1,1,10")]
    [InlineData(0.12, 7.03, "0.1,0.2,0.5,1,2,5,10")]
    [InlineData(0.0004, 1.3, "0.0001,0.001,0.01,0.1,1,10")]
    public void Log_ticks_use_1_2_5_steps_within_two_decades_and_powers_of_ten_beyond(double min, double max, string labels)
    {
        var ticks = AxisTicks.Create(min, max, AxisScale.Log);

        ticks.Scale.ShouldBe(AxisScale.Log);
        string.Join(",", ticks.Labels).ShouldBe(labels);
        ticks.Fraction(ticks.Low).ShouldBe(0);
        ticks.Fraction(ticks.High).ShouldBe(1, 1e-12);
    }

    [Fact]
    public void A_single_value_or_no_finite_value_still_gives_a_usable_axis()
    {
        var single = AxisTicks.Create(3.3, 3.3, AxisScale.Linear);
        single.Low.ShouldBeLessThan(3.3);
        single.High.ShouldBeGreaterThan(3.3);

        var zero = AxisTicks.Create(0, 0, AxisScale.Linear);
        zero.Low.ShouldBeLessThan(0);
        zero.High.ShouldBeGreaterThan(0);

        var none = AxisTicks.Create(double.NaN, double.NaN, AxisScale.Linear);
        none.Low.ShouldBe(0);
        none.High.ShouldBe(1);
    }

    [Fact]
    public void Labels_never_show_a_negative_zero()
    {
        var ticks = AxisTicks.Create(-0.2, 0.6, AxisScale.Linear);

        ticks.Labels.ShouldContain("0.0");
        ticks.Labels.ShouldNotContain("-0.0");
    }
}
