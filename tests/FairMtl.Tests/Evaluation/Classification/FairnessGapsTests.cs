using FairMtl.Evaluation.Classification;

namespace FairMtl.Tests.Evaluation.Classification;

public class FairnessGapsTests
{
    // Dyadic values, so every difference below is exact.
    private static GroupClassificationMetrics Group(double tpr, double fpr, double auc, double positiveRate) =>
        new(Rows: 10, Positives: 5, auc, Accuracy: 0.5, tpr, fpr, positiveRate);

    private static GroupClassificationReport Report(params GroupClassificationMetrics[] groups) => new(0.5, 0.5, groups);

    [Fact]
    public void Two_groups_give_absolute_differences()
    {
        var report = Report(Group(tpr: 0.75, fpr: 0.125, auc: 0.875, positiveRate: 0.5), Group(tpr: 0.5, fpr: 0.5, auc: 0.625, positiveRate: 0.25));
        FairnessGaps.TprGap(report).ShouldBe(0.25); // |0.5 - 0.75|
        FairnessGaps.FprGap(report).ShouldBe(0.375); // |0.5 - 0.125|
        FairnessGaps.EOpD(report).ShouldBe(0.25); // = TPR gap
        FairnessGaps.EOD(report).ShouldBe(0.375); // max(0.25, 0.375)
        FairnessGaps.GAUCD(report).ShouldBe(0.25); // |0.625 - 0.875|
        FairnessGaps.DemographicParityGap(report).ShouldBe(0.25); // |0.25 - 0.5|
    }

    [Fact]
    public void Gaps_are_symmetric_in_the_groups()
    {
        var g0 = Group(0.75, 0.125, 0.875, 0.5);
        var g1 = Group(0.5, 0.5, 0.625, 0.25);
        FairnessGaps.EOD(Report(g0, g1)).ShouldBe(FairnessGaps.EOD(Report(g1, g0)));
        FairnessGaps.GAUCD(Report(g0, g1)).ShouldBe(FairnessGaps.GAUCD(Report(g1, g0)));
    }

    [Fact]
    public void More_than_two_groups_give_max_minus_min()
    {
        var report = Report(
            Group(tpr: 0.5, fpr: 0.25, auc: 0.625, positiveRate: 0.5),
            Group(tpr: 0.75, fpr: 0.125, auc: 0.875, positiveRate: 0.25),
            Group(tpr: 0.25, fpr: 0.5, auc: 0.75, positiveRate: 0.375));
        FairnessGaps.TprGap(report).ShouldBe(0.5); // 0.75 - 0.25
        FairnessGaps.FprGap(report).ShouldBe(0.375); // 0.5 - 0.125
        FairnessGaps.EOpD(report).ShouldBe(0.5);
        FairnessGaps.EOD(report).ShouldBe(0.5); // max(0.5, 0.375)
        FairnessGaps.GAUCD(report).ShouldBe(0.25); // 0.875 - 0.625
        FairnessGaps.DemographicParityGap(report).ShouldBe(0.25); // 0.5 - 0.25
    }

    [Fact]
    public void Nan_groups_are_skipped_and_fewer_than_two_values_give_nan()
    {
        var report = Report(
            Group(tpr: 0.5, fpr: double.NaN, auc: double.NaN, positiveRate: 0.5),
            Group(tpr: double.NaN, fpr: double.NaN, auc: 0.5, positiveRate: 0.25),
            Group(tpr: 0.75, fpr: 0.25, auc: 0.875, positiveRate: 0.375));
        FairnessGaps.TprGap(report).ShouldBe(0.25); // groups 0 and 2: 0.75 - 0.5
        FairnessGaps.GAUCD(report).ShouldBe(0.375); // groups 1 and 2: 0.875 - 0.5
        FairnessGaps.FprGap(report).ShouldBe(double.NaN); // only group 2 has an FPR
        FairnessGaps.EOD(report).ShouldBe(double.NaN); // needs both gaps
        FairnessGaps.DemographicParityGap(report).ShouldBe(0.25);

        FairnessGaps.TprGap(Report(Group(0.5, 0.5, 0.5, 0.5))).ShouldBe(double.NaN);
    }

    [Fact]
    public void Gaps_of_the_hand_computed_three_group_report()
    {
        var report = GroupClassificationReport.Of(
            GroupClassificationReportTests.Scores, GroupClassificationReportTests.Labels, GroupClassificationReportTests.Groups, 3);

        // TPR [1, 0, 1/2], FPR [0, 1/2, 1], AUC [1, 1/2, 1/2], P(y^=1) [2/3, 1/3, 2/3]
        FairnessGaps.TprGap(report).ShouldBe(1.0);
        FairnessGaps.FprGap(report).ShouldBe(1.0);
        FairnessGaps.EOD(report).ShouldBe(1.0);
        FairnessGaps.GAUCD(report).ShouldBe(0.5);
        FairnessGaps.DemographicParityGap(report).ShouldBe(2.0 / 3 - 1.0 / 3);
    }

    [Fact]
    public void A_group_without_positives_is_left_out_of_the_tpr_gap()
    {
        // group 0: 0.9 (1), 0.2 (0) -> TPR 1, FPR 0. group 1: 0.6 (0), 0.3 (0) -> TPR NaN, FPR 1/2.
        // group 2: 0.4 (1), 0.7 (0) -> TPR 0, FPR 1.
        var report = GroupClassificationReport.Of([0.9, 0.2, 0.6, 0.3, 0.4, 0.7], [1, 0, 0, 0, 1, 0], [0, 0, 1, 1, 2, 2], 3);
        report.Groups[1].Tpr.ShouldBe(double.NaN);
        FairnessGaps.TprGap(report).ShouldBe(1.0); // 1 - 0 over groups 0 and 2
        FairnessGaps.FprGap(report).ShouldBe(1.0); // 1 - 0 over all three
        FairnessGaps.GAUCD(report).ShouldBe(1.0); // group 0 AUC 1, group 1 NaN, group 2 AUC 0
    }
}
