using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using static FairMtl.Tests.Objectives.Constraints.ConstraintTestData;

namespace FairMtl.Tests.Objectives.Constraints;

/// <summary>Soft rates at the decision threshold: with offset c = logit(theta) a binary or multi-label harm is the harm of
/// the outputs shifted by -c, with the same derivative.</summary>
public class ThresholdOffsetConstraintTests
{
    private const int Groups = 3;
    private const int Rows = 36;

    [Theory]
    [InlineData(HeadTask.Binary, HarmKind.Opportunity, false)]
    [InlineData(HeadTask.Binary, HarmKind.Opportunity, true)]
    [InlineData(HeadTask.Binary, HarmKind.Parity, false)]
    [InlineData(HeadTask.MultiLabel, HarmKind.Parity, true)]
    public void An_offset_harm_is_the_harm_of_the_shifted_outputs(HeadTask task, HarmKind kind, bool favourableNegative)
    {
        var classes = task == HeadTask.MultiLabel ? 3 : 0;
        var batch = Make(task, classes, Groups, Rows, seed: 21);
        var offset = Math.Log(0.08 / 0.92);
        var shifted = batch.Outputs.Select(o => o - offset).ToArray();

        var atThreshold = new GroupHarm(task, kind, classes, Groups, Rows, favourableNegative, offset: offset);
        atThreshold.Compute<double>(batch.Outputs, batch.Targets, batch.Groups, Rows);
        var plain = new GroupHarm(task, kind, classes, Groups, Rows, favourableNegative);
        plain.Compute<double>(shifted, batch.Targets, batch.Groups, Rows);

        atThreshold.Harm.ToArray().ShouldBe(plain.Harm.ToArray());
        atThreshold.RowGradient.ToArray().ShouldBe(plain.RowGradient.ToArray());
        atThreshold.Harm.ToArray().ShouldNotBe(Unshifted(task, kind, classes, favourableNegative, batch), "a threshold of 0.08 must change the soft rates");
    }

    [Fact]
    public void An_offset_applies_to_binary_and_multi_label_heads_only() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new GroupHarm(HeadTask.Regression, HarmKind.Mse, 0, Groups, Rows, offset: 1.0));

    private static double[] Unshifted(HeadTask task, HarmKind kind, int classes, bool favourableNegative, HeadBatch batch)
    {
        var harm = new GroupHarm(task, kind, classes, Groups, Rows, favourableNegative);
        harm.Compute<double>(batch.Outputs, batch.Targets, batch.Groups, Rows);
        return harm.Harm.ToArray();
    }
}
