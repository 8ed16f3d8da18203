using FairMtl.Evaluation.Classification;

namespace FairMtl.Tests.Evaluation.Classification;

public class GroupClassificationReportTests
{
    // group 0: scores [0.9, 0.3, 0.6], labels [1, 0, 1] -> predictions [1, 0, 1]
    // group 1: scores [0.2, 0.7, 0.4], labels [0, 0, 1] -> predictions [0, 1, 0]
    // group 2: scores [0.8, 0.1, 0.55], labels [1, 1, 0] -> predictions [1, 0, 1]
    internal static readonly double[] Scores = [0.9, 0.3, 0.6, 0.2, 0.7, 0.4, 0.8, 0.1, 0.55];
    internal static readonly float[] Labels = [1, 0, 1, 0, 0, 1, 1, 1, 0];
    internal static readonly int[] Groups = [0, 0, 0, 1, 1, 1, 2, 2, 2];

    [Fact]
    public void Three_groups_match_hand_computed_values()
    {
        var report = GroupClassificationReport.Of(Scores, Labels, Groups, 3);
        report.Groups.Count.ShouldBe(3);

        // All right. AUC: both positives beat the negative 0.3.
        report.Groups[0].ShouldBe(new GroupClassificationMetrics(
            Rows: 3, Positives: 2, Auc: 1.0, Accuracy: 1.0, Tpr: 2.0 / 2, Fpr: 0.0 / 1, PositiveRate: 2.0 / 3));

        // Only row 0 right. AUC: 0.4 beats 0.2, loses to 0.7.
        report.Groups[1].ShouldBe(new GroupClassificationMetrics(
            Rows: 3, Positives: 1, Auc: 1.0 / 2, Accuracy: 1.0 / 3, Tpr: 0.0 / 1, Fpr: 1.0 / 2, PositiveRate: 1.0 / 3));

        // Only row 0 right. AUC: 0.8 beats 0.55, 0.1 does not.
        report.Groups[2].ShouldBe(new GroupClassificationMetrics(
            Rows: 3, Positives: 2, Auc: 1.0 / 2, Accuracy: 1.0 / 3, Tpr: 1.0 / 2, Fpr: 1.0 / 1, PositiveRate: 2.0 / 3));

        // Overall: 3 + 1 + 1 right of 9. Positives 0.9, 0.6, 0.4, 0.8, 0.1 against negatives 0.3, 0.2, 0.7, 0.55
        // win 4 + 3 + 2 + 4 + 0 of 5 * 4 pairs.
        report.Accuracy.ShouldBe(5.0 / 9);
        report.Auc.ShouldBe(13.0 / 20);
    }

    [Fact]
    public void The_threshold_reaches_every_group()
    {
        // At 0.65 group 0 predicts [1, 0, 0]: TPR 1/2, accuracy 2/3.
        var report = GroupClassificationReport.Of(Scores, Labels, Groups, 3, threshold: 0.65);
        report.Groups[0].Tpr.ShouldBe(1.0 / 2);
        report.Groups[0].Accuracy.ShouldBe(2.0 / 3);
        report.Groups[0].Auc.ShouldBe(1.0);
    }

    [Fact]
    public void An_empty_group_has_no_rows_and_nan_metrics()
    {
        var report = GroupClassificationReport.Of([0.2, 0.8], [0, 1], [0, 0], 2);
        report.Groups[1].ShouldBe(new GroupClassificationMetrics(0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));
        report.Groups[0].Auc.ShouldBe(1.0);
    }

    [Fact]
    public void Reports_compare_by_value()
    {
        GroupClassificationReport.Of(Scores, Labels, Groups, 3).ShouldBe(GroupClassificationReport.Of(Scores, Labels, Groups, 3));
    }

    [Fact]
    public void Groups_outside_the_range_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => GroupClassificationReport.Of([0.2, 0.8], [0, 1], [0, 2], 2));
        Should.Throw<ArgumentOutOfRangeException>(() => GroupClassificationReport.Of([0.2, 0.8], [0, 1], [0, -1], 2));
        Should.Throw<ArgumentException>(() => GroupClassificationReport.Of([0.2, 0.8], [0, 1], [0], 2));
    }
}
