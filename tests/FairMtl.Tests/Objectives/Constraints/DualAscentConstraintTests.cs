using FairMtl.Objectives.Constraints;

namespace FairMtl.Tests.Objectives.Constraints;

public class DualAscentConstraintTests
{
    [Fact]
    public void The_multiplier_ascends_on_the_violation_of_the_bound_and_never_goes_below_zero()
    {
        var dual = new DualAscent(epsilon: 0.1, step: 2, averaging: 0);
        dual.Multiplier.ShouldBe(0d);
        dual.Update(0.3);
        dual.Multiplier.ShouldBe(2 * 0.2, 1e-15);
        dual.Update(0.15);
        dual.Multiplier.ShouldBe(0.4 + (2 * 0.05), 1e-15);
        dual.Update(0.0);
        dual.Multiplier.ShouldBe(0.3, 1e-15);
        dual.Update(0.0);
        dual.Update(0.0);
        dual.Multiplier.ShouldBe(0d);
    }

    [Fact]
    public void With_averaging_the_update_uses_the_running_average_of_f_started_at_the_first_value()
    {
        var dual = new DualAscent(epsilon: 0, step: 1, averaging: 0.5);
        dual.Update(0.4);
        dual.Multiplier.ShouldBe(0.4, 1e-15);
        dual.Update(0.0);
        dual.Multiplier.ShouldBe(0.4 + 0.2, 1e-15);
        dual.Update(0.0);
        dual.Multiplier.ShouldBe(0.6 + 0.1, 1e-15);
    }

    [Theory]
    [InlineData(-1, 1, 0)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, 1)]
    public void Bad_settings_are_refused(double epsilon, double step, double averaging) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new DualAscent(epsilon, step, averaging));
}
