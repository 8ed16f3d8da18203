using FairMtl.Evaluation.Statistics;

namespace FairMtl.Tests.Evaluation.Statistics;

public class StudentTTests
{
    // Upper critical values t_{p, ν} of Student's t, to the digits of the reference tables they come from (printed
    // tables such as NIST/SEMATECH's give the first three decimals: 12.706, 2.262, 2.042, 4.604, 2.920). Each tolerance
    // is half a unit in the last quoted digit.
    [Theory]
    [InlineData(0.975, 1, 12.7062047, 5e-8)]
    [InlineData(0.975, 9, 2.262157163, 5e-10)]
    [InlineData(0.975, 30, 2.042272456, 5e-10)]
    [InlineData(0.995, 4, 4.604094871, 5e-10)]
    [InlineData(0.95, 2, 2.919985580, 5e-10)]
    public void Quantiles_match_the_t_table(double p, int degreesOfFreedom, double expected, double tolerance)
    {
        StudentT.Quantile(p, degreesOfFreedom).ShouldBe(expected, tolerance);
        StudentT.Quantile(1 - p, degreesOfFreedom).ShouldBe(-expected, tolerance);
        StudentT.Cdf(expected, degreesOfFreedom).ShouldBe(p, 1e-9);
    }

    // Closed forms: ν = 1 is the Cauchy distribution, F(t) = 1/2 + atan(t)/π; ν = 2 has F(t) = 1/2 + t / (2√(2 + t²)).
    [Theory]
    [InlineData(-30.0)]
    [InlineData(-2.5)]
    [InlineData(-0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(7.0)]
    [InlineData(1e6)]
    public void One_and_two_degrees_of_freedom_follow_their_closed_forms(double t)
    {
        StudentT.Cdf(t, 1).ShouldBe(0.5 + Math.Atan(t) / Math.PI, 1e-14);
        StudentT.Cdf(t, 2).ShouldBe(0.5 + t / (2 * Math.Sqrt(2 + t * t)), 1e-14);
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Quantiles_of_one_and_two_degrees_of_freedom_invert_the_closed_forms(double p)
    {
        // ν = 1: t = tan(π(p - 1/2)) = -1 / tan(πp) (the second form has no rounding in p - 1/2 to amplify near the
        // pole); ν = 2: t = (2p - 1) / √(2p(1 - p)).
        var cauchy = -1 / Math.Tan(Math.PI * p);
        StudentT.Quantile(p, 1).ShouldBe(cauchy, 1e-12 * Math.Max(1, Math.Abs(cauchy)));
        var two = (2 * p - 1) / Math.Sqrt(2 * p * (1 - p));
        StudentT.Quantile(p, 2).ShouldBe(two, 1e-12 * Math.Max(1, Math.Abs(two)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(1_000_000)]
    public void The_distribution_is_symmetric_about_zero(int degreesOfFreedom)
    {
        StudentT.Cdf(0, degreesOfFreedom).ShouldBe(0.5);
        StudentT.Quantile(0.5, degreesOfFreedom).ShouldBe(0);
        foreach (var t in new[] { 0.25, 1.0, 2.0, 3.5, 12.0 })
        {
            (StudentT.Cdf(-t, degreesOfFreedom) + StudentT.Cdf(t, degreesOfFreedom)).ShouldBe(1, 1e-15);
        }

        foreach (var p in new[] { 0.001, 0.05, 0.2, 0.45 })
        {
            StudentT.Quantile(1 - p, degreesOfFreedom).ShouldBe(-StudentT.Quantile(p, degreesOfFreedom), 1e-12);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(200)]
    [InlineData(50_000)]
    public void Quantile_inverts_cdf(int degreesOfFreedom)
    {
        foreach (var p in new[] { 1e-9, 0.001, 0.025, 0.3, 0.6, 0.975, 0.999 })
        {
            StudentT.Cdf(StudentT.Quantile(p, degreesOfFreedom), degreesOfFreedom).ShouldBe(p, 1e-12 * Math.Max(p, 1e-3));
        }
    }

    [Fact]
    public void Many_degrees_of_freedom_approach_the_normal()
    {
        // z_{0.975} = 1.959963985 (standard normal table); t_{0.975, ν} - z ≈ (z³ + z) / (4ν) is below 1e-9 here.
        StudentT.Quantile(0.975, int.MaxValue).ShouldBe(1.959963985, 1e-9);

        // Either side of the switch to the normal approximation the probabilities agree.
        StudentT.Cdf(2, 400_000).ShouldBe(StudentT.Cdf(2, 400_001), 1e-11);
    }

    [Fact]
    public void Ends_and_nan()
    {
        StudentT.Cdf(double.PositiveInfinity, 3).ShouldBe(1);
        StudentT.Cdf(double.NegativeInfinity, 3).ShouldBe(0);
        StudentT.Cdf(double.NaN, 3).ShouldBe(double.NaN);
        StudentT.Quantile(0, 3).ShouldBe(double.NegativeInfinity);
        StudentT.Quantile(1, 3).ShouldBe(double.PositiveInfinity);
        StudentT.Quantile(double.NaN, 3).ShouldBe(double.NaN);

        // Far tail of the Cauchy distribution: P(T < t) ≈ 1 / (π |t|) for large |t|.
        StudentT.Quantile(1e-300, 1).ShouldBe(-1 / (Math.PI * 1e-300), 1e-12 / (Math.PI * 1e-300));
    }

    [Fact]
    public void Arguments_out_of_range_throw()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => StudentT.Cdf(1, 0)).ParamName.ShouldBe("degreesOfFreedom");
        Should.Throw<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.5, -1)).ParamName.ShouldBe("degreesOfFreedom");
        Should.Throw<ArgumentOutOfRangeException>(() => StudentT.Quantile(1.5, 4)).ParamName.ShouldBe("p");
        Should.Throw<ArgumentOutOfRangeException>(() => StudentT.Quantile(-0.1, 4)).ParamName.ShouldBe("p");
    }
}
