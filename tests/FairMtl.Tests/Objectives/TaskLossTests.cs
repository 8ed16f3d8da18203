using FairMtl.Objectives;
using FairMtl.Spec;

namespace FairMtl.Tests.Objectives;

public class TaskLossTests
{
    [Fact]
    public void Mean_squared_error_and_its_gradient()
    {
        var gradient = new float[3];
        var loss = TaskLoss.Compute(HeadTask.Regression, [1f, 2f, 4f], [0f, 2f, 1f], gradient, 3);
        loss.ShouldBe((1.0 + 0 + 9) / 3, 1e-12);
        gradient.ShouldBe([2f / 3, 0f, 2f], 1e-6);
    }

    [Fact]
    public void Binary_cross_entropy_on_logits_and_its_gradient()
    {
        var gradient = new float[2];
        var loss = TaskLoss.Compute(HeadTask.Binary, [0f, 2f], [1f, 0f], gradient, 2);
        var expected = (Math.Log(2) + Math.Log(1 + Math.Exp(2))) / 2;
        loss.ShouldBe(expected, 1e-7);
        gradient[0].ShouldBe((float)((0.5 - 1) / 2), 1e-7f);
        gradient[1].ShouldBe((float)(1 / (1 + Math.Exp(-2)) / 2), 1e-7f);
    }

    [Fact]
    public void Binary_cross_entropy_stays_finite_for_extreme_logits()
    {
        var loss = TaskLoss.Compute(HeadTask.Binary, [500f, -500f], [0f, 1f], new float[2], 2);
        loss.ShouldBe(500, 1e-9);
    }

    [Fact]
    public void Sum_of_losses_has_unit_coefficients()
    {
        var coefficients = new double[2];
        new SumOfLosses().Combine([1.5, 2.0], coefficients).ShouldBe(3.5);
        coefficients.ShouldBe([1.0, 1.0]);
    }
}
