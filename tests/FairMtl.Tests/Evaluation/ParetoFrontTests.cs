using FairMtl.Evaluation;

namespace FairMtl.Tests.Evaluation;

public class ParetoFrontTests
{
    [Fact]
    public void Keeps_only_non_dominated_points_sorted_by_disparity()
    {
        var points = new (double, double)[] { (3, 1), (1, 3), (2, 2), (2.5, 2.5), (4, 4), (1.5, 2.9) };
        ParetoFront.NonDominated(points).ShouldBe([1, 5, 2, 0]);
    }

    [Fact]
    public void A_single_point_is_its_own_front() => ParetoFront.NonDominated([(5.0, 5.0)]).ShouldBe([0]);

    [Fact]
    public void An_empty_set_has_an_empty_front() => ParetoFront.NonDominated([]).ShouldBeEmpty();

    [Fact]
    public void Exact_duplicates_both_stay_on_the_front()
    {
        ParetoFront.NonDominated([(1.0, 2.0), (1.0, 2.0), (3.0, 3.0)]).ShouldBe([0, 1]);
    }

    [Fact]
    public void A_tie_in_one_objective_is_broken_by_the_other()
    {
        // (1, 2) dominates (1, 3): equal disparity, lower error. (2, 1) survives on error.
        ParetoFront.NonDominated([(1.0, 3.0), (1.0, 2.0), (2.0, 1.0), (2.0, 2.0)]).ShouldBe([1, 2]);
    }

    [Fact]
    public void Points_with_nan_are_never_on_the_front_and_dominate_nothing()
    {
        ParetoFront.NonDominated([(double.NaN, 0.0), (2.0, 2.0), (0.5, double.NaN)]).ShouldBe([1]);
    }
}
