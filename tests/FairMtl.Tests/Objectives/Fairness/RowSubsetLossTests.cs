using FairMtl.Objectives.Fairness;
using static FairMtl.Tests.Objectives.Fairness.FairnessTestData;

namespace FairMtl.Tests.Objectives.Fairness;

public class RowSubsetLossTests
{
    public static TheoryData<string> Inners => new("correlation", "mmd", "fprl", "glf");

    [Theory]
    [MemberData(nameof(Inners))]
    public void Equals_the_inner_loss_on_the_filtered_batch(string name)
    {
        var (logits, targets, groups, include) = Batch(seed: 7);
        var subset = new RowSubsetLoss(Inner(name), maxRows: 12);
        var gradient = Garbage(12);

        var value = subset.Compute(logits, targets, groups, include, 12, gradient);

        var kept = Enumerable.Range(0, 12).Where(i => include[i]).ToArray();
        var expectedGradient = Garbage(kept.Length);
        var expected = Inner(name).Compute(
            [.. kept.Select(i => logits[i])], [.. kept.Select(i => targets[i])], [.. kept.Select(i => groups[i])], kept.Length, expectedGradient);
        value.ShouldBe(expected);
        value.ShouldBeGreaterThan(0);
        gradient.Where((_, i) => include[i]).ToArray().ShouldBe(expectedGradient);
        gradient.Where((_, i) => !include[i]).ShouldAllBe(g => g == 0f);
        subset.Compute(logits, targets, groups, include, 12, Span<float>.Empty).ShouldBe(value);
    }

    [Fact]
    public void Scratch_from_a_larger_subset_does_not_leak_into_a_smaller_one()
    {
        var (logits, targets, groups, include) = Batch(seed: 3);
        var subset = new RowSubsetLoss(new ScoreGroupCorrelation(2), maxRows: 12);
        bool[] all = [.. Enumerable.Repeat(true, 12)];
        var gradient = new float[12];
        subset.Compute(logits, targets, [.. groups.Select(g => Math.Max(g, 0))], all, 12, gradient);

        var value = subset.Compute(logits, targets, groups, include, 12, gradient);

        var kept = Enumerable.Range(0, 12).Where(i => include[i]).ToArray();
        value.ShouldBe(new ScoreGroupCorrelation(2).Compute(
            [.. kept.Select(i => logits[i])], [.. kept.Select(i => targets[i])], [.. kept.Select(i => groups[i])], kept.Length, Span<float>.Empty));
    }

    [Fact]
    public void Without_a_mask_every_row_is_included()
    {
        var subset = new RowSubsetLoss(new ScoreMaximumMeanDiscrepancy(2, 0.5), maxRows: 6);
        var gradient = Garbage(6);
        var expectedGradient = Garbage(6);

        var value = subset.Compute(Logits, Targets, Groups, 6, gradient);

        value.ShouldBe(new ScoreMaximumMeanDiscrepancy(2, 0.5).Compute(Logits, Targets, Groups, 6, expectedGradient));
        gradient.ShouldBe(expectedGradient);
        var masked = Garbage(6);
        subset.Compute(Logits, Targets, Groups, [true, true, true, true, true, true], 6, masked).ShouldBe(value);
        masked.ShouldBe(gradient);
    }

    [Fact]
    public void No_included_row_gives_zero_and_zero_gradient()
    {
        var gradient = Garbage(6);

        new RowSubsetLoss(new ScoreGroupCorrelation(2), 6).Compute(Logits, Targets, Groups, new bool[6], 6, gradient).ShouldBe(0);
        gradient.ShouldAllBe(g => g == 0f);
    }

    [Fact]
    public void Only_the_first_rows_are_read_and_written()
    {
        bool[] include = [true, true, false, true, true, true, true];
        float[] logits = [.. Logits, 9f];
        var gradient = Garbage(7);

        var value = new RowSubsetLoss(new DemographicParityLoss(2), 7).Compute(logits, [.. Targets, 0f], [.. Groups, 1], include, 6, gradient);

        value.ShouldBe(Math.Abs(((Sigmoid(0.5) + Sigmoid(-1)) / 2) - ((Sigmoid(0) + Sigmoid(1.5) + Sigmoid(-0.5)) / 3)), 1e-12);
        gradient[2].ShouldBe(0f);
        gradient[6].ShouldBe(float.NaN);
    }

    [Fact]
    public void Compute_does_not_allocate()
    {
        var (logits, targets, groups, include) = Batch(seed: 5);
        var subset = new RowSubsetLoss(new ScoreMaximumMeanDiscrepancy(2, 0.5), maxRows: 12);
        var gradient = new float[12];
        var sink = subset.Compute(logits, targets, groups, include, 12, gradient);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            sink += subset.Compute(logits, targets, groups, include, 12, gradient);
            sink += subset.Compute(logits, targets, groups, include, 12, Span<float>.Empty);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        sink.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void More_included_rows_than_the_maximum_are_rejected()
    {
        var subset = new RowSubsetLoss(new ScoreGroupCorrelation(2), maxRows: 4);

        Should.Throw<ArgumentOutOfRangeException>(() => subset.Compute(Logits, Targets, Groups, [true, true, true, true, true, false], 6, new float[6]));
        subset.Compute(Logits, Targets, Groups, [true, false, true, true, false, true], 6, new float[6]).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Should.Throw<ArgumentNullException>(() => new RowSubsetLoss(null!, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => new RowSubsetLoss(new ScoreGroupCorrelation(2), 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new RowSubsetLoss(new ScoreGroupCorrelation(2), -1));
        var subset = new RowSubsetLoss(new ScoreGroupCorrelation(2), 6);
        Should.Throw<ArgumentOutOfRangeException>(() => subset.Compute(Logits, Targets, Groups, new bool[5], 6, new float[6]));
        Should.Throw<ArgumentOutOfRangeException>(() => subset.Compute(Logits, Targets, Groups, new bool[6], 6, new float[5]));
        Should.Throw<ArgumentOutOfRangeException>(() => subset.Compute(Logits, Targets, Groups, new bool[7], 7, new float[7]));
        Should.Throw<ArgumentOutOfRangeException>(() => subset.Compute(Logits, Targets, [0, 0, 0, 1, 1, 2], [true, true, true, true, true, true], 6, new float[6]));
    }

    private static IBatchFairnessLoss Inner(string name) => name switch
    {
        "correlation" => new ScoreGroupCorrelation(2),
        "mmd" => new ScoreMaximumMeanDiscrepancy(2, 0.5),
        "fprl" => new FalsePositiveRateLoss(2),
        "glf" => new GroupLossFairness(2),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>
    /// Twelve rows of <see cref="FairnessTestData.RandomBatch"/> with two groups; every third row is excluded and its
    /// group set to -1 (unknown), which the wrapper must never pass to the inner loss.
    /// </summary>
    private static (float[] Logits, float[] Targets, int[] Groups, bool[] Include) Batch(int seed)
    {
        var (logits, targets, groups) = RandomBatch(seed, groupCount: 2, rowsPerGroup: 6);
        var include = new bool[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            include[i] = i % 3 != 1;
            if (!include[i])
            {
                groups[i] = -1;
            }
        }

        return (logits, targets, groups, include);
    }
}
