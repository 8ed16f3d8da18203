using FairMtl.Objectives.Constraints;
using FairMtl.Spec;

namespace FairMtl.Tests.Objectives.Constraints;

public class AggregationConstraintTests
{
    private static readonly double[] Scales = [1.0, 2.0, 0.5, 0.8];

    [Fact]
    public void Max_takes_the_largest_scaled_violation_and_the_first_on_ties()
    {
        var derivatives = new double[3];

        ConstraintAggregation.Max.Compute([0.2, 0.3, 0.1], Scales, derivatives).ShouldBe(0.2);
        derivatives.ShouldBe([1.0, 0.0, 0.0], "u = (0.2, 0.15, 0.2): the first arg-max");

        ConstraintAggregation.Max.Compute([0.2, 0.6, 0.1], Scales, derivatives).ShouldBe(0.3);
        derivatives.ShouldBe([0.0, 0.5, 0.0]);
    }

    public static TheoryData<double> Temperatures => new([0.05, 0.3, 2.0]);

    [Theory]
    [MemberData(nameof(Temperatures))]
    public void Smooth_is_the_boltzmann_mean(double temperature)
    {
        double[] violations = [0.2, 0.3, 0.05, 0.0];
        var u = violations.Select((v, t) => v / Scales[t]).ToArray();
        var weights = u.Select(x => Math.Exp(x / temperature)).ToArray();

        ConstraintAggregation.Smooth(temperature).Compute(violations, Scales, new double[4])
            .ShouldBe(u.Zip(weights, (x, w) => x * w).Sum() / weights.Sum(), 1e-14);
    }

    [Theory]
    [MemberData(nameof(Temperatures))]
    public void Derivatives_match_central_finite_differences(double temperature)
    {
        double[] violations = [0.2, 0.35, 0.05, 0.0];
        foreach (var aggregation in new[] { ConstraintAggregation.Smooth(temperature), ConstraintAggregation.Max })
        {
            var derivatives = new double[4];
            aggregation.Compute(violations, Scales, derivatives);
            var scratch = new double[4];
            for (var t = 0; t < 4; t++)
            {
                // Step 1e-6 on values of order 0.1: truncation h² |F'''| / 6 ≤ 1e-12 / T² and rounding 1e-16 / h = 1e-10.
                var numeric = ConstraintTestData.Central(violations, t, () => aggregation.Compute(violations, Scales, scratch));
                Math.Abs(derivatives[t] - numeric).ShouldBeLessThanOrEqualTo(1e-7 + (1e-6 * Math.Abs(numeric)), $"{aggregation.Kind}, task {t}");
            }
        }
    }

    [Fact]
    public void Smooth_of_no_violation_is_zero()
    {
        var derivatives = new double[3];

        ConstraintAggregation.Smooth(0.1).Compute([0.0, 0.0, 0.0], Scales, derivatives).ShouldBe(0.0);

        derivatives.ShouldBe([1.0 / 3, 1.0 / 6, 2.0 / 3], 1e-15, "equal weights: dF/dv_t = 1 / (3 s_t)");
    }

    [Fact]
    public void Smooth_approaches_max_as_the_temperature_shrinks()
    {
        double[] violations = [0.2, 0.45, 0.05];
        var max = ConstraintAggregation.Max.Compute(violations, Scales, new double[3]);
        var previous = double.PositiveInfinity;
        foreach (var temperature in new[] { 1.0, 0.1, 0.01, 1e-3, 1e-4 })
        {
            var gap = max - ConstraintAggregation.Smooth(temperature).Compute(violations, Scales, new double[3]);
            gap.ShouldBeGreaterThanOrEqualTo(0.0);
            gap.ShouldBeLessThan(previous);
            previous = gap;
        }

        previous.ShouldBeLessThan(1e-12);
        var derivatives = new double[3];
        ConstraintAggregation.Smooth(1e-4).Compute(violations, Scales, derivatives);
        derivatives.ShouldBe([0.0, 0.5, 0.0], 1e-9);
    }

    [Fact]
    public void One_task_and_no_task()
    {
        var derivatives = new double[1];
        ConstraintAggregation.Smooth(0.5).Compute([0.3], [2.0], derivatives).ShouldBe(0.15, 1e-16);
        derivatives[0].ShouldBe(0.5, 1e-16);
        ConstraintAggregation.Max.Compute([], [], []).ShouldBe(0.0);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ConstraintAggregation.Smooth(0));
        Should.Throw<ArgumentOutOfRangeException>(() => ConstraintAggregation.Smooth(double.NaN));
        Should.Throw<ArgumentOutOfRangeException>(() => ConstraintAggregation.Smooth(double.PositiveInfinity));
        Should.Throw<ArgumentOutOfRangeException>(() => new ConstraintAggregation((AggregationKind)5));
        Should.Throw<ArgumentOutOfRangeException>(() => ConstraintAggregation.Max.Compute([0.1, 0.2], [1.0, 0.0], new double[2]));
        Should.Throw<ArgumentOutOfRangeException>(() => ConstraintAggregation.Max.Compute([0.1, 0.2], [1.0], new double[2]));
        Should.Throw<ArgumentOutOfRangeException>(() => ConstraintAggregation.Max.Compute([0.1, 0.2], [1.0, 1.0], new double[1]));
    }
}
