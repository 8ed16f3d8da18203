using FairMtl.Evaluation.Statistics;

namespace FairMtl.Tests.Evaluation.Statistics;

public class FrontFrequencyTests
{
    [Fact]
    public void Share_of_seeds_with_each_point_on_the_front()
    {
        bool[][] fronts =
        [
            [true, true, false, false, true],
            [true, false, false, true, true],
            [true, true, false, false, false],
            [true, false, false, false, true],
        ];

        // Per point, seeds on the front out of 4: 4, 2, 0, 1, 3.
        FrontFrequency.Of(fronts).ShouldBe([1.0, 0.5, 0.0, 0.25, 0.75]);
    }

    [Fact]
    public void No_seeds_give_no_points() => FrontFrequency.Of([]).ShouldBeEmpty();

    [Fact]
    public void Seeds_must_have_the_same_points() =>
        Should.Throw<ArgumentException>(() => FrontFrequency.Of([[true, false], [true]])).ParamName.ShouldBe("fronts");
}
