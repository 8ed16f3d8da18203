using FairMtl.Spec;
using FairMtl.Objectives.Fairness;

namespace FairMtl.Tests.Objectives.Fairness;

public class FairnessGradientTests
{
    private const float Step = 1e-3f;

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
        var gradient = FairnessTestData.Garbage(rows);

        loss.Compute(logits, targets, groups, rows, gradient).ShouldBeGreaterThan(0);

        gradient.ShouldContain(g => g != 0f);
        var perturbed = (float[])logits.Clone();
        for (var i = 0; i < rows; i++)
        {
            var up = logits[i] + Step;
            var down = logits[i] - Step;
            perturbed[i] = up;
            var lossUp = loss.Compute(perturbed, targets, groups, rows, Span<float>.Empty);
            perturbed[i] = down;
            var lossDown = loss.Compute(perturbed, targets, groups, rows, Span<float>.Empty);
            perturbed[i] = logits[i];

            // The float step actually taken, not the nominal one.
            var numeric = (lossUp - lossDown) / ((double)up - down);
            Math.Abs(gradient[i] - numeric).ShouldBeLessThanOrEqualTo(1e-5 + (1e-3 * Math.Abs(numeric)), $"row {i}");
        }
    }
}
