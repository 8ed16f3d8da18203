using FairMtl.Evaluation.MultiTask;

namespace FairMtl.Tests.Evaluation.MultiTask;

public class TradeOffFrontTests
{
    [Fact]
    public void Front_keeps_duplicates_and_drops_points_dominated_in_one_coordinate_and_nan_points()
    {
        (double, double)[] points =
        [
            (1, 5),            // 0: lowest fairness
            (2, 3),            // 1
            (2, 3),            // 2: duplicate of 1, both stay
            (3, 3),            // 3: same error as 1, higher fairness
            (4, 1),            // 4: lowest finite error
            (4, 2),            // 5: same fairness as 4, higher error
            (double.NaN, 0.5), // 6: would dominate 4 on error alone
            (5, 5),            // 7: dominated by 1 and 4
        ];

        TradeOffFront.OnFront(points).ShouldBe([true, true, true, false, true, false, false, false]);
    }

    [Fact]
    public void An_empty_set_has_no_front() => TradeOffFront.OnFront([]).ShouldBeEmpty();

    [Fact]
    public void Midpoint_selection_takes_the_front_point_nearest_the_middle_of_all_finite_errors()
    {
        (double, double)[] points = [(1, 8), (2, 6), (4, 4), (7, 1), (8, 12), (double.NaN, 100)];
        var onFront = TradeOffFront.OnFront(points);
        onFront.ShouldBe([true, true, true, true, false, false]);

        // Finite errors span [1, 12] (the dominated 12 counts, the NaN point's 100 does not): midpoint 6.5, between the
        // front errors 8 (distance 1.5) and 6 (distance 0.5). The front alone would give 4.5 and pick error 4.
        TradeOffFront.SelectMidpoint(points, onFront).ShouldBe(1);
    }

    [Fact]
    public void Equal_distances_go_to_the_lower_fairness_then_the_lower_index()
    {
        // Errors [2, 6]: midpoint 4, both at distance 2; (1, 6) has the lower fairness.
        (double, double)[] twoSides = [(3, 2), (1, 6)];
        TradeOffFront.SelectMidpoint(twoSides, TradeOffFront.OnFront(twoSides)).ShouldBe(1);

        // Errors [1, 7]: midpoint 4, hit by the duplicates 1 and 2.
        (double, double)[] duplicates = [(5, 1), (2, 4), (2, 4), (1, 7)];
        TradeOffFront.SelectMidpoint(duplicates, TradeOffFront.OnFront(duplicates)).ShouldBe(1);
    }

    [Fact]
    public void No_point_on_the_front_gives_minus_one()
    {
        TradeOffFront.SelectMidpoint([], []).ShouldBe(-1);

        (double, double)[] nans = [(double.NaN, 1), (1, double.NaN)];
        TradeOffFront.SelectMidpoint(nans, TradeOffFront.OnFront(nans)).ShouldBe(-1);
        TradeOffFront.SelectMidpoint([(1, 2), (2, 1)], [false, false]).ShouldBe(-1);
    }

    [Fact]
    public void Front_flags_must_match_the_points()
    {
        Should.Throw<ArgumentException>(() => TradeOffFront.SelectMidpoint([(1, 2)], [true, false])).ParamName.ShouldBe("onFront");
    }
}
