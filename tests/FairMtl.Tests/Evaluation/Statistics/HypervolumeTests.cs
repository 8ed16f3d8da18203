using FairMtl.Evaluation.Statistics;

namespace FairMtl.Tests.Evaluation.Statistics;

public class HypervolumeTests
{
    private static readonly (double X, double Y) Reference = (10, 10);

    [Fact]
    public void A_single_point_spans_a_rectangle_to_the_reference() =>
        Hypervolume.Of([(4, 7)], Reference).ShouldBe((10 - 4) * (10 - 7));

    [Fact]
    public void A_staircase_is_the_union_of_its_rectangles()
    {
        // Horizontal strips: (10 - 2)(10 - 8) + (10 - 4)(8 - 5) + (10 - 7)(5 - 1) = 16 + 18 + 12 = 46.
        // Vertical strips agree: (4 - 2) · 2 + (7 - 4) · 5 + (10 - 7) · 9 = 4 + 15 + 27 = 46.
        Hypervolume.Of([(2, 8), (4, 5), (7, 1)], Reference).ShouldBe(46);
        Hypervolume.Of([(7, 1), (2, 8), (4, 5)], Reference).ShouldBe(46);
    }

    [Fact]
    public void Dominated_duplicated_outside_and_nan_points_add_nothing()
    {
        (double, double)[] points =
        [
            (2, 8), (4, 5), (7, 1),
            (5, 6),            // dominated by (4, 5)
            (4, 5),            // duplicate
            (4, 9),            // same x as (4, 5), higher y
            (12, 0),           // beyond the reference in x
            (3, 10),           // not strictly better than the reference in y
            (double.NaN, 0),
            (0, double.NaN),
        ];
        Hypervolume.Of(points, Reference).ShouldBe(46);
    }

    [Fact]
    public void No_points_dominate_nothing() => Hypervolume.Of([], Reference).ShouldBe(0);

    [Fact]
    public void A_nan_reference_is_rejected() =>
        Should.Throw<ArgumentException>(() => Hypervolume.Of([(1, 1)], (double.NaN, 2))).ParamName.ShouldBe("reference");
}
