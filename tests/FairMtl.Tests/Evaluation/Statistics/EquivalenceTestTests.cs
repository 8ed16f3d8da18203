using FairMtl.Evaluation.Statistics;

namespace FairMtl.Tests.Evaluation.Statistics;

public class EquivalenceTestTests
{
    private static readonly double[] A = [1, 2, 3, 4, 5];
    private static readonly double[] B = [2, 3, 4, 5, 6];

    [Fact]
    public void The_larger_one_sided_p_value_decides_and_matches_scipys_t_distribution()
    {
        // Pooled sd sqrt(20 / 8), standard error 1, difference 1, df 8. scipy: t.cdf(-2, 8) = 0.040258, 1 - t.cdf(4, 8) = 0.001975.
        var test = EquivalenceTest.Of(A, B, margin: 3);

        test.Difference.ShouldBe(1, 1e-12);
        test.StandardError.ShouldBe(1, 1e-12);
        test.DegreesOfFreedom.ShouldBe(8);
        test.PValue.ShouldBe(0.040258, 1e-5);
        test.Equivalent().ShouldBeTrue();
    }

    [Fact]
    public void A_margin_the_interval_does_not_fit_in_is_not_equivalence()
    {
        // scipy: t.cdf(-1, 8) = 0.173296.
        var test = EquivalenceTest.Of(A, B, margin: 2);

        test.PValue.ShouldBe(0.173296, 1e-5);
        test.Equivalent().ShouldBeFalse();
    }

    [Fact]
    public void Swapping_the_samples_changes_the_sign_of_the_difference_and_nothing_else()
    {
        var forward = EquivalenceTest.Of(A, B, 3);
        var backward = EquivalenceTest.Of(B, A, 3);

        backward.Difference.ShouldBe(-forward.Difference);
        backward.PValue.ShouldBe(forward.PValue, 1e-12);
    }
}
