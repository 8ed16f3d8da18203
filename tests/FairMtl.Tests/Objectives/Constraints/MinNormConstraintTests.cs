using FairMtl.Nn;
using FairMtl.Objectives.Constraints;

namespace FairMtl.Tests.Objectives.Constraints;

/// <summary>The min-norm combination per parameter block: Desideri's closed form for two gradients, doubled.</summary>
public class MinNormConstraintTests
{
    private static (Parameter A, Parameter B, Parameter C, MinNormCombination Combination) Blocks()
    {
        var a = new Parameter("trunk.w", "trunk", 2);
        var b = new Parameter("trunk.b", "trunk", 1);
        var c = new Parameter("y.w", "head:y", 2);
        return (a, b, c, new MinNormCombination([a, b, c]));
    }

    [Fact]
    public void Each_block_gets_twice_the_min_norm_point_of_its_two_gradients()
    {
        var (a, b, c, combination) = Blocks();
        combination.BlockNames.ShouldBe(["trunk", "head:y"]);

        // Trunk: g1 = (1, 0 | 0), g2 = (0, 1 | 0): orthogonal and equal length, alpha = 1/2, the plain sum.
        // Head: g1 = (1, 0), g2 = (3, 0): alpha = (g2 - g1).g2 / |g1 - g2|^2 = 6 / 4, clamped to 1: twice g1.
        (a.Gradient[0], a.Gradient[1], b.Gradient[0], c.Gradient[0], c.Gradient[1]) = (1, 0, 0, 1, 0);
        combination.CaptureFirst();
        (a.Gradient[0], a.Gradient[1], b.Gradient[0], c.Gradient[0], c.Gradient[1]) = (0, 1, 0, 3, 0);
        combination.Combine();

        combination.Alphas.ShouldBe([0.5, 1d]);
        a.Gradient.ShouldBe([1f, 1f]);
        b.Gradient.ShouldBe([0f]);
        c.Gradient.ShouldBe([2f, 0f]);
    }

    [Fact]
    public void An_interior_alpha_minimises_the_norm()
    {
        var (a, b, _, combination) = Blocks();
        (a.Gradient[0], a.Gradient[1], b.Gradient[0]) = (2, 0, 0);
        combination.CaptureFirst();
        (a.Gradient[0], a.Gradient[1], b.Gradient[0]) = (0, 1, 0);
        combination.Combine();

        // min over alpha of |alpha (2, 0) + (1 - alpha) (0, 1)|^2 = 4 alpha^2 + (1 - alpha)^2: alpha = 1/5.
        combination.Alphas[0].ShouldBe(0.2, 1e-15);
        a.Gradient[0].ShouldBe(2f * 0.2f * 2f, 1e-6f);
        a.Gradient[1].ShouldBe(2f * 0.8f, 1e-6f);
    }

    [Fact]
    public void A_block_without_a_constraint_gradient_keeps_its_utility_gradient()
    {
        var (a, b, c, combination) = Blocks();
        (a.Gradient[0], a.Gradient[1], b.Gradient[0], c.Gradient[0], c.Gradient[1]) = (1, 2, 3, 4, 5);
        combination.CaptureFirst();
        (a.Gradient[0], a.Gradient[1], b.Gradient[0], c.Gradient[0], c.Gradient[1]) = (1, 1, 1, 0, 0);
        combination.Combine();

        combination.Alphas[1].ShouldBe(1d);
        c.Gradient.ShouldBe([4f, 5f], "the min-norm point of g1 and 0 is 0, which would stop the head's training");
    }
}
