using FairMtl.Evaluation.Statistics;

namespace FairMtl.Tests.Evaluation.Statistics;

public class WilcoxonSignedRankTests
{
    [Fact]
    public void Darwin_zea_mays_data_match_the_published_exact_test()
    {
        // Darwin's Zea mays data (height of cross- minus self-fertilised plants, eighths of an inch), the example of the
        // scipy.stats.wilcoxon documentation: statistic 24.0, p 0.041259765625. By hand: the |d| are all distinct, the
        // negative ones (48, 67) have ranks 10 and 14, so W- = 24 and W+ = 120 - 24 = 96; 676 of the 2^15 sign patterns
        // have W+ <= 24, and p = 2 · 676 / 32768 = 0.041259765625 (a dyadic fraction, so exact).
        double[] d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
        var result = WilcoxonSignedRank.Test(d, new double[d.Length]);
        result.ShouldBe(new WilcoxonResult(15, 96, 24, 0.041259765625));
        result.Statistic.ShouldBe(24);
    }

    [Fact]
    public void All_positive_differences_of_five_pairs_give_two_in_thirty_two()
    {
        // Only the all-minus pattern of 2^5 has W+ <= 0: p = 2 · 1/32.
        WilcoxonSignedRank.Test([3, 5, 7, 9, 11], [1, 2, 3, 4, 5]).ShouldBe(new WilcoxonResult(5, 15, 0, 0.0625));
    }

    [Fact]
    public void Zero_differences_are_dropped_before_ranking()
    {
        WilcoxonSignedRank.Test([4, 4, 1, 2, 3, 4, 5], [4, 4, 0, 0, 0, 0, 0])
            .ShouldBe(new WilcoxonResult(5, 15, 0, 0.0625));
    }

    [Fact]
    public void Tied_magnitudes_share_their_average_rank()
    {
        // d = 1, -2, 2, 3, 4: ranks 1, 2.5, 2.5, 4, 5, so W- = 2.5 and W+ = 12.5. Doubled ranks 2, 5, 5, 8, 10: the sign
        // patterns with doubled W+ <= 5 are {}, {2}, {5}, {5'}, 4 of 32, so p = 2 · 4/32 = 0.25.
        WilcoxonSignedRank.Test([1, -2, 2, 3, 4], [0, 0, 0, 0, 0]).ShouldBe(new WilcoxonResult(5, 12.5, 2.5, 0.25));
    }

    [Fact]
    public void Symmetric_differences_give_p_one()
    {
        // Ranks 1.5, 1.5, 3.5, 3.5: W+ = W- = 5, half the total, so the lower tail already holds over half the patterns.
        WilcoxonSignedRank.Test([1, -1, 2, -2], [0, 0, 0, 0]).ShouldBe(new WilcoxonResult(4, 5, 5, 1));
    }

    [Fact]
    public void Swapping_the_samples_swaps_the_rank_sums()
    {
        double[] a = [1.5, 2.0, 0.25, 4.0, 3.0, 0.5];
        double[] b = [1.0, 2.5, 0.0, 3.0, 3.5, 0.0];
        var forward = WilcoxonSignedRank.Test(a, b);
        var backward = WilcoxonSignedRank.Test(b, a);
        backward.WPlus.ShouldBe(forward.WMinus);
        backward.WMinus.ShouldBe(forward.WPlus);
        backward.PValue.ShouldBe(forward.PValue);
    }

    [Fact]
    public void Twenty_five_pairs_are_still_exact()
    {
        var a = new double[25];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = i + 1;
        }

        // 2 · 1 / 2^25.
        WilcoxonSignedRank.Test(a, new double[25]).PValue.ShouldBe(2.0 / (1 << 25));
    }

    [Fact]
    public void Above_twenty_five_pairs_the_normal_approximation_with_tie_and_continuity_corrections()
    {
        // 31 differences: six triples of tied magnitudes 1..6 (average ranks 2, 5, ..., 17), then 7..19 with ranks
        // 19..31; the six largest are negative. W- = 26 + ... + 31 = 171, W+ = 496 - 171 = 325.
        // Mean 31 · 32 / 4 = 248; variance 31 · 32 · 63 / 24 - 6 · (27 - 3) / 48 = 2604 - 3 = 2601 = 51²;
        // z = (171 - 248 + 1/2) / 51 = -1.5 exactly, p = 2 Φ(-1.5) = 2 (1 - .933192798731142) (Abramowitz & Stegun
        // Table 26.1) = 0.133614402537716. Without the tie correction z would be -1.4991, without the continuity
        // correction -1.5098.
        var d = new List<double>();
        for (var magnitude = 1; magnitude <= 6; magnitude++)
        {
            d.AddRange([magnitude, magnitude, magnitude]);
        }

        for (var magnitude = 7; magnitude <= 19; magnitude++)
        {
            d.Add(magnitude >= 14 ? -magnitude : magnitude);
        }

        var result = WilcoxonSignedRank.Test(d.ToArray(), new double[d.Count]);
        result.Count.ShouldBe(31);
        result.WPlus.ShouldBe(325);
        result.WMinus.ShouldBe(171);
        result.PValue.ShouldBe(0.133614402537716, 1e-14);
    }

    [Fact]
    public void No_nonzero_differences_give_p_one()
    {
        WilcoxonSignedRank.Test([1.0, 2.0], [1.0, 2.0]).ShouldBe(new WilcoxonResult(0, 0, 0, 1));
        WilcoxonSignedRank.Test([], []).ShouldBe(new WilcoxonResult(0, 0, 0, 1));
    }

    [Fact]
    public void A_nan_difference_gives_nan()
    {
        WilcoxonSignedRank.Test([1.0, double.NaN, 3.0], [0.0, 0.0, 0.0])
            .ShouldBe(new WilcoxonResult(3, double.NaN, double.NaN, double.NaN));
    }

    [Fact]
    public void Lengths_must_match() =>
        Should.Throw<ArgumentException>(() => WilcoxonSignedRank.Test([1.0], [1.0, 2.0])).ParamName.ShouldBe("b");
}
