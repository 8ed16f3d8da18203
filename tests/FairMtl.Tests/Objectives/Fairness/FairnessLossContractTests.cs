using FairMtl.Spec;
using FairMtl.Objectives.Fairness;
using static FairMtl.Tests.Objectives.Fairness.FairnessTestData;

namespace FairMtl.Tests.Objectives.Fairness;

public class FairnessLossContractTests
{
    [Theory]
    [MemberData(nameof(AllPenalties), MemberType = typeof(FairnessTestData))]
    public void A_batch_with_one_group_present_gives_zero_and_zero_gradient(FairnessLossKind penalty)
    {
        var gradient = Garbage(6);

        FairnessLosses.Create(penalty, 2, 0.1).Compute(Logits, Targets, [0, 0, 0, 0, 0, 0], 6, gradient).ShouldBe(0);
        gradient.ShouldAllBe(g => g == 0f);
    }

    [Theory]
    [MemberData(nameof(PenaltiesWithGroupCount), MemberType = typeof(FairnessTestData))]
    public void Gradient_is_overwritten_and_the_value_does_not_depend_on_it(FairnessLossKind penalty, int groupCount)
    {
        var (logits, targets, groups) = HandBatch(groupCount);
        var loss = FairnessLosses.Create(penalty, groupCount, 0.3, 0.5);
        var clean = new float[6];
        var dirty = Garbage(6);

        var value = loss.Compute(logits, targets, groups, 6, clean);

        loss.Compute(logits, targets, groups, 6, dirty).ShouldBe(value);
        loss.Compute(logits, targets, groups, 6, Span<float>.Empty).ShouldBe(value);
        dirty.ShouldBe(clean);
        clean.ShouldContain(g => g != 0f);
    }

    [Fact]
    public void Only_the_first_rows_are_read_and_written()
    {
        float[] logits = [.. Logits, 9f];
        float[] targets = [.. Targets, 1f];
        int[] groups = [.. Groups, 1];
        var gradient = Garbage(7);

        new GroupLossFairness(2).Compute(logits, targets, groups, 6, gradient).ShouldBe(Math.Abs(L0 - L1), 1e-12);
        gradient[6].ShouldBe(float.NaN);
    }

    [Theory]
    [MemberData(nameof(PenaltiesWithGroupCount), MemberType = typeof(FairnessTestData))]
    public void Compute_does_not_allocate(FairnessLossKind penalty, int groupCount)
    {
        var (logits, targets, groups) = HandBatch(groupCount);
        var loss = FairnessLosses.Create(penalty, groupCount, 0.3, 0.5);
        var gradient = new float[6];
        var sink = loss.Compute(logits, targets, groups, 6, gradient);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            sink += loss.Compute(logits, targets, groups, 6, gradient);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        sink.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_factory_builds_each_penalty()
    {
        FairnessLosses.Create(FairnessLossKind.Glf, 2, 0).ShouldBeOfType<GroupLossFairness>();
        FairnessLosses.Create(FairnessLossKind.Gld, 2, 0).ShouldBeOfType<GroupLossDivergence>();
        FairnessLosses.Create(FairnessLossKind.Bgl, 2, 0).ShouldBeOfType<BoundedGroupLoss>();
        FairnessLosses.Create(FairnessLossKind.Dpl, 2, 0).ShouldBeOfType<DemographicParityLoss>();
        FairnessLosses.Create(FairnessLossKind.Fprl, 2, 0).ShouldBeOfType<FalsePositiveRateLoss>();
        FairnessLosses.Create(FairnessLossKind.Tprl, 2, 0).ShouldBeOfType<TruePositiveRateLoss>();
        FairnessLosses.Create(FairnessLossKind.Corr, 2, 0).ShouldBeOfType<ScoreGroupCorrelation>();
        FairnessLosses.Create(FairnessLossKind.Mmd, 2, 0, 0.5).ShouldBeOfType<ScoreMaximumMeanDiscrepancy>();
        Should.Throw<ArgumentOutOfRangeException>(() => FairnessLosses.Create((FairnessLossKind)99, 2, 0));
    }

    [Theory]
    [InlineData(FairnessLossKind.Corr)]
    [InlineData(FairnessLossKind.Mmd)]
    public void The_two_group_losses_refuse_other_group_counts(FairnessLossKind penalty)
    {
        foreach (var groupCount in new[] { 0, 1, 3 })
        {
            Should.Throw<ArgumentOutOfRangeException>(() => FairnessLosses.Create(penalty, groupCount, 0, 0.5));
        }
    }

    [Theory]
    [MemberData(nameof(AllPenalties), MemberType = typeof(FairnessTestData))]
    public void Bad_arguments_are_rejected(FairnessLossKind penalty)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => FairnessLosses.Create(penalty, 0, 0.1));
        var loss = FairnessLosses.Create(penalty, 2, 0.1);
        Should.Throw<ArgumentOutOfRangeException>(() => loss.Compute(Logits, Targets, [0, 0, 0, 1, 1, 2], 6, new float[6]));
        Should.Throw<ArgumentOutOfRangeException>(() => loss.Compute(Logits, Targets, [0, 0, 0, 1, 1, -1], 6, new float[6]));
        Should.Throw<ArgumentOutOfRangeException>(() => loss.Compute(Logits, Targets, Groups, 7, new float[7]));
        Should.Throw<ArgumentOutOfRangeException>(() => loss.Compute(Logits, Targets, Groups, 6, new float[5]));
    }
}
