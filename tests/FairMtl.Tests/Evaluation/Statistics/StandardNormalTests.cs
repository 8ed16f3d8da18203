using FairMtl.Evaluation.Statistics;

namespace FairMtl.Tests.Evaluation.Statistics;

public class StandardNormalTests
{
    // Φ(x) from Abramowitz & Stegun, Table 26.1 (15 decimals): Φ(1) = .841344746068543, Φ(1.5) = .933192798731142,
    // Φ(2) = .977249868051821, Φ(3) = .998650101968370.
    [Theory]
    [InlineData(1.0, 0.841344746068543)]
    [InlineData(1.5, 0.933192798731142)]
    [InlineData(2.0, 0.977249868051821)]
    [InlineData(3.0, 0.998650101968370)]
    public void Matches_the_normal_table(double z, double expected)
    {
        StandardNormal.Cdf(z).ShouldBe(expected, 1e-15);
        StandardNormal.Cdf(-z).ShouldBe(1 - expected, 1e-15);
    }

    [Fact]
    public void Far_tails_keep_their_relative_digits()
    {
        // 1 - Φ(5) = 2.866515718791939e-7 and 1 - Φ(10) = 7.619853024160526e-24 (reference values, confirmed with
        // mpmath's ncdf at 40 digits).
        StandardNormal.Cdf(-5).ShouldBe(2.866515718791939e-7, 1e-13 * 2.9e-7);
        StandardNormal.Cdf(-10).ShouldBe(7.619853024160526e-24, 1e-13 * 7.7e-24);
    }

    [Fact]
    public void Centre_ends_and_nan()
    {
        StandardNormal.Cdf(0).ShouldBe(0.5);
        StandardNormal.Cdf(double.NegativeInfinity).ShouldBe(0);
        StandardNormal.Cdf(double.PositiveInfinity).ShouldBe(1);
        StandardNormal.Cdf(double.NaN).ShouldBe(double.NaN);
    }
}
