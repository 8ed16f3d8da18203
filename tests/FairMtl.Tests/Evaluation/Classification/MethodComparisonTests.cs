using FairMtl.Evaluation.Classification;

namespace FairMtl.Tests.Evaluation.Classification;

public class MethodComparisonTests
{
    [Fact]
    public void Mean_ranks_average_ties_and_put_nan_last()
    {
        double[,] values =
        {
            // accuracy (higher), error (lower), AUC (higher)
            { 0.9, 2.0, double.NaN },
            { 0.8, 1.0, 0.5 },
            { 0.9, 3.0, double.NaN },
            { 0.7, 1.0, 0.6 },
        };

        // accuracy: methods 0 and 2 tie for ranks 1, 2 -> 1.5 each; method 1 -> 3; method 3 -> 4.
        // error:    methods 1 and 3 tie for ranks 1, 2 -> 1.5 each; method 0 -> 3; method 2 -> 4.
        // AUC:      method 3 -> 1; method 1 -> 2; NaNs of methods 0 and 2 share ranks 3, 4 -> 3.5 each.
        var ranks = MethodComparison.MeanRanks(values, [true, false, true]);
        ranks.ShouldBe([(1.5 + 3 + 3.5) / 3, (3 + 1.5 + 2) / 3, (1.5 + 4 + 3.5) / 3, (4 + 1.5 + 1) / 3], tolerance: 1e-15);
    }

    [Fact]
    public void The_direction_decides_which_end_ranks_first()
    {
        double[,] values = { { 1.0 }, { 2.0 }, { 3.0 } };
        MethodComparison.MeanRanks(values, [true]).ShouldBe([3.0, 2.0, 1.0]);
        MethodComparison.MeanRanks(values, [false]).ShouldBe([1.0, 2.0, 3.0]);
    }

    [Fact]
    public void All_tied_methods_share_the_middle_rank()
    {
        // ranks 1, 2, 3 averaged
        MethodComparison.MeanRanks(new[,] { { 0.5 }, { 0.5 }, { 0.5 } }, [true]).ShouldBe([2.0, 2.0, 2.0]);
        MethodComparison.MeanRanks(new[,] { { double.NaN }, { double.NaN } }, [false]).ShouldBe([1.5, 1.5]);
    }

    [Fact]
    public void Mean_ranks_without_metrics_are_nan_and_directions_must_match()
    {
        MethodComparison.MeanRanks(new double[2, 0], []).ShouldBe([double.NaN, double.NaN]);
        Should.Throw<ArgumentException>(() => MethodComparison.MeanRanks(new double[2, 2], [true]));
    }

    [Fact]
    public void Delta_m_mixes_directions_and_skips_a_zero_baseline()
    {
        // accuracy (higher): -(0.9 - 0.8) / 0.8 = -0.125
        // MAE (lower):       +(1.5 - 2.0) / 2.0 = -0.25
        // AUC (higher):      baseline 0 -> skipped
        // gap (lower):       +(0.1 - 0.2) / 0.2 = -0.5
        // 100 / 3 * (-0.125 - 0.25 - 0.5)
        MethodComparison.DeltaM([0.9, 1.5, 0.7, 0.1], [0.8, 2.0, 0.0, 0.2], [true, false, true, false])
            .ShouldBe(100.0 / 3 * -0.875, 1e-12);
    }

    [Fact]
    public void Delta_m_is_positive_for_a_worse_method_and_zero_for_the_baseline()
    {
        // -(0.6 - 0.8) / 0.8 = 0.25 and +(3 - 2) / 2 = 0.5: 100 / 2 * 0.75
        MethodComparison.DeltaM([0.6, 3.0], [0.8, 2.0], [true, false]).ShouldBe(37.5, 1e-12);
        MethodComparison.DeltaM([0.8, 2.0], [0.8, 2.0], [true, false]).ShouldBe(0.0);
    }

    [Fact]
    public void Delta_m_skips_nan_values_and_is_nan_when_nothing_is_usable()
    {
        // only the second metric is usable: +(1 - 2) / 2 = -0.5
        MethodComparison.DeltaM([double.NaN, 1.0, 0.5], [0.8, 2.0, double.NaN], [true, false, true]).ShouldBe(-50.0);
        MethodComparison.DeltaM([double.NaN, 0.5], [0.8, 0.0], [true, true]).ShouldBe(double.NaN);
        MethodComparison.DeltaM([], [], []).ShouldBe(double.NaN);
    }
}
