using FairMtl.Evaluation;
using FairMtl.Spec;

namespace FairMtl.Tests.Evaluation;

public class MetricsTests
{
    [Fact]
    public void Errors_overall_and_by_group_match_hand_computed_values()
    {
        double[] predictions = [1, 2, 3, 4];
        double[] targets = [2, 2, 1, 8];
        int[] groups = [0, 0, 1, 1];
        var report = GroupErrorReport.Compute(predictions, targets, groups);

        // errors: -1, 0, 2, -4
        report.Overall.Mse.ShouldBe(21.0 / 4);
        report.Overall.Rmse.ShouldBe(Math.Sqrt(21.0 / 4));
        report.Overall.Mae.ShouldBe(7.0 / 4);
        report.Group0.Mse.ShouldBe(0.5);
        report.Group0.Mae.ShouldBe(0.5);
        report.Group1.Mse.ShouldBe(10);
        report.Group1.Mae.ShouldBe(3);
        report.Disparity(ErrorMetric.Mse).ShouldBe(9.5);
        report.Disparity(ErrorMetric.Rmse).ShouldBe(Math.Sqrt(10) - Math.Sqrt(0.5), 1e-15);
        report.Disparity(ErrorMetric.Mae).ShouldBe(2.5);
    }

    [Fact]
    public void Disparity_is_symmetric_in_the_groups()
    {
        double[] predictions = [0, 0, 0];
        double[] targets = [1, 3, 3];
        GroupErrorReport.Compute(predictions, targets, [0, 1, 1]).Disparity(ErrorMetric.Mae)
            .ShouldBe(GroupErrorReport.Compute(predictions, targets, [1, 0, 0]).Disparity(ErrorMetric.Mae));
    }

    [Fact]
    public void An_empty_group_gives_nan_and_is_not_finite()
    {
        var report = GroupErrorReport.Compute([1.0], [1.0], [0]);
        report.Group1.Mse.ShouldBe(double.NaN);
        report.IsFinite.ShouldBeFalse();
    }
}
