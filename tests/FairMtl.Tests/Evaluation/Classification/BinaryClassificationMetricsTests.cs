using FairMtl.Evaluation.Classification;

namespace FairMtl.Tests.Evaluation.Classification;

public class BinaryClassificationMetricsTests
{
    [Fact]
    public void Auc_is_the_fraction_of_positive_negative_pairs_ranked_correctly()
    {
        // positives 0.35, 0.8; negatives 0.1, 0.4. 0.35 beats 0.1 only, 0.8 beats both: (1 + 2) / (2 * 2).
        BinaryClassificationMetrics.Auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]).ShouldBe(0.75);
    }

    [Fact]
    public void A_tied_positive_negative_pair_counts_one_half()
    {
        // positives 0.5, 0.9; negatives 0.2, 0.5. 0.5 beats 0.2 and ties 0.5 (1 + 1/2), 0.9 beats both (2): 3.5 / 4.
        BinaryClassificationMetrics.Auc([0.2, 0.5, 0.5, 0.9], [0, 1, 0, 1]).ShouldBe(3.5 / 4);

        // Everything tied: every pair is worth 1/2.
        BinaryClassificationMetrics.Auc([0.5, 0.5, 0.5], [0, 1, 1]).ShouldBe(0.5);
    }

    [Fact]
    public void Perfect_and_inverted_rankings_give_one_and_zero()
    {
        double[] scores = [0.1, 0.2, 0.8, 0.9];
        BinaryClassificationMetrics.Auc(scores, [0, 0, 1, 1]).ShouldBe(1.0);
        BinaryClassificationMetrics.Auc(scores, [1, 1, 0, 0]).ShouldBe(0.0);
    }

    [Fact]
    public void Auc_does_not_depend_on_row_order()
    {
        BinaryClassificationMetrics.Auc([0.8, 0.35, 0.4, 0.1], [1, 1, 0, 0]).ShouldBe(0.75);
    }

    [Fact]
    public void Auc_is_nan_without_both_classes()
    {
        BinaryClassificationMetrics.Auc([0.1, 0.9], [1, 1]).ShouldBe(double.NaN);
        BinaryClassificationMetrics.Auc([0.1, 0.9], [0, 0]).ShouldBe(double.NaN);
        BinaryClassificationMetrics.Auc([], []).ShouldBe(double.NaN);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20240601)]
    public void Auc_matches_the_brute_force_pair_count(int seed)
    {
        var random = new Random(seed);
        var scores = new double[200];
        var labels = new float[200];
        for (var i = 0; i < scores.Length; i++)
        {
            // One decimal: only 11 distinct scores, so many positive-negative ties.
            scores[i] = Math.Round(random.NextDouble(), 1);
            labels[i] = random.Next(2);
        }

        var credit = 0.0;
        long pairs = 0;
        var ties = 0;
        for (var p = 0; p < scores.Length; p++)
        {
            for (var n = 0; n < scores.Length; n++)
            {
                if (labels[p] != 1 || labels[n] != 0)
                {
                    continue;
                }

                pairs++;
                if (scores[p] > scores[n])
                {
                    credit += 1;
                }
                else if (scores[p] == scores[n])
                {
                    credit += 0.5;
                    ties++;
                }
            }
        }

        ties.ShouldBeGreaterThan(0);
        BinaryClassificationMetrics.Auc(scores, labels).ShouldBe(credit / pairs, 1e-15);
    }

    // Predictions at 0.5:  [0, 1, 1, 0, 1, 1] (rows 1 and 4 score exactly 0.5 and count as positive)
    // labels:              [0, 1, 1, 1, 0, 1]
    // TN = row 0; TP = rows 1, 2, 5; FN = row 3; FP = row 4.
    private static readonly double[] Scores = [0.2, 0.5, 0.7, 0.4, 0.5, 0.9];
    private static readonly float[] Labels = [0, 1, 1, 1, 0, 1];

    [Fact]
    public void Accuracy_predicts_positive_from_the_threshold_inclusive()
    {
        // (TP + TN) / rows = (3 + 1) / 6
        BinaryClassificationMetrics.Accuracy(Scores, Labels).ShouldBe(4.0 / 6);

        // At 0.6 the predictions are [0, 0, 1, 0, 0, 1]: rows 0, 2, 4, 5 are right.
        BinaryClassificationMetrics.Accuracy(Scores, Labels, threshold: 0.6).ShouldBe(4.0 / 6);
        BinaryClassificationMetrics.Accuracy([], []).ShouldBe(double.NaN);
    }

    [Fact]
    public void Rates_count_true_and_false_positives()
    {
        // TPR = TP / (TP + FN) = 3 / 4; FPR = FP / (FP + TN) = 1 / 2.
        BinaryClassificationMetrics.Rates(Scores, Labels).ShouldBe((0.75, 0.5));

        // At 0.6: TP = rows 2, 5 of 4 positives; no false positive among 2 negatives.
        BinaryClassificationMetrics.Rates(Scores, Labels, threshold: 0.6).ShouldBe((2.0 / 4, 0.0));
    }

    [Fact]
    public void Rates_are_nan_when_a_class_is_missing()
    {
        BinaryClassificationMetrics.Rates([0.3, 0.6], [1, 1]).ShouldBe((0.5, double.NaN));
        BinaryClassificationMetrics.Rates([0.3, 0.6], [0, 0]).ShouldBe((double.NaN, 0.5));
    }

    [Fact]
    public void Positive_prediction_rate_counts_scores_at_or_above_the_threshold()
    {
        // rows 1, 2, 4, 5 of 6
        BinaryClassificationMetrics.PositivePredictionRate(Scores).ShouldBe(4.0 / 6);
        BinaryClassificationMetrics.PositivePredictionRate([]).ShouldBe(double.NaN);
    }

    [Fact]
    public void Bad_inputs_are_rejected()
    {
        Should.Throw<ArgumentException>(() => BinaryClassificationMetrics.Auc([0.1, 0.2], [1]));
        Should.Throw<ArgumentException>(() => BinaryClassificationMetrics.Auc([0.1, 0.2], [1, 2]));
        Should.Throw<ArgumentException>(() => BinaryClassificationMetrics.Accuracy([double.NaN], [1]));
    }
}
