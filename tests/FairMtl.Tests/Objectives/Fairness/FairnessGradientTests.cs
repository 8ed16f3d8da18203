using FairMtl.Spec;
using FairMtl.Objectives.Fairness;

using static FairMtl.Tests.Objectives.Fairness.FairnessTestData;

namespace FairMtl.Tests.Objectives.Fairness;

public class FairnessGradientTests
{
    public static TheoryData<FairnessLossKind, int> Cases()
    {
        var cases = new TheoryData<FairnessLossKind, int>();
        foreach (var penalty in FairnessTestData.GroupCountAgnostic)
        {
            cases.Add(penalty, 2);
            cases.Add(penalty, 3);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_matches_central_finite_differences(FairnessLossKind penalty, int groupCount)
    {
        var (logits, targets, groups) = FairnessTestData.RandomBatch(seed: 20 + groupCount, groupCount, rowsPerGroup: 8);
        var rows = logits.Length;
        var loss = FairnessLosses.Create(penalty, groupCount, epsilon: 0.3);
        loss.Compute(logits, targets, groups, rows, Span<float>.Empty).ShouldBeGreaterThan(0);
        ShouldMatchFiniteDifferences(loss, logits, targets, groups);
    }
}
