using FairMtl.Objectives.Weighting;

namespace FairMtl.Tests.Weighting;

public class CompiledWeightingTests
{
    [Fact]
    public void Evaluate_computes_the_weighted_loss()
    {
        var compiled = WeightingExpression.Parse("alpha * y + (5 - alpha) * z").Compile(["y", "z"], ["alpha"]);

        compiled.Evaluate([2.0, 3.0], [1.5]).ShouldBe((1.5 * 2.0) + ((5 - 1.5) * 3.0));
        compiled.LossNames.ShouldBe(["y", "z"]);
        compiled.VariableNames.ShouldBe(["alpha"]);
    }

    [Fact]
    public void Evaluate_uses_the_same_operations_as_plain_csharp()
    {
        var compiled = WeightingExpression.Parse("exp(-y) * sqrt(z) / max(y, z) - log(abs(min(y, -z)) + 1)").Compile(["y", "z"], []);
        double y = 0.37, z = 1.91;

        compiled.Evaluate([y, z], []).ShouldBe(
            (Math.Exp(-y) * Math.Sqrt(z) / Math.Max(y, z)) - Math.Log(Math.Abs(Math.Min(y, -z)) + 1));
    }

    [Fact]
    public void Gradient_follows_the_order_of_the_loss_names()
    {
        var compiled = WeightingExpression.Parse("alpha * y + (5 - alpha) * z").Compile(["z", "y", "unused"], ["alpha"]);
        var gradient = new double[3];

        compiled.Gradient([1, 1, 1], [1.25], gradient);

        gradient.ShouldBe([3.75, 1.25, 0]);
    }

    [Fact]
    public void Conditionals_from_max_and_min_pick_the_branch_of_the_active_argument()
    {
        var compiled = WeightingExpression.Parse("max(y, z) + 2 * min(y, z)").Compile(["y", "z"], []);
        var gradient = new double[2];

        compiled.Gradient([3, 1], [], gradient);
        gradient.ShouldBe([1d, 2d]);

        compiled.Gradient([1, 3], [], gradient);
        gradient.ShouldBe([2d, 1d]);
    }

    [Fact]
    public void Short_arrays_are_rejected()
    {
        var compiled = WeightingExpression.Parse("alpha * y").Compile(["y"], ["alpha"]);

        Should.Throw<ArgumentException>(() => compiled.Evaluate([], [1]));
        Should.Throw<ArgumentException>(() => compiled.Evaluate([1], []));
        Should.Throw<ArgumentException>(() => compiled.Gradient([1], [1], []));
    }

    [Fact]
    public void Evaluate_and_Gradient_do_not_allocate()
    {
        var compiled = WeightingExpression
            .Parse("alpha * y + (5 - alpha) * z + max(y, z) / sqrt(abs(y - z) + 1) - exp(-min(y, alpha)) * log(z + 1)")
            .Compile(["y", "z"], ["alpha"]);
        double[] losses = [1.5, 0.25];
        double[] variables = [2.0];
        var gradient = new double[2];
        var sink = 0d;
        for (var i = 0; i < 100; i++)
        {
            sink += compiled.Evaluate(losses, variables);
            compiled.Gradient(losses, variables, gradient);
        }

        // The fewest bytes of three windows of 1000 calls each: a per-call allocation shows in every window (at least
        // 24 KB), while the runtime's own one-off work on this thread (it was once 4,960 bytes in a CI run, with the JIT
        // tiering code up) shows in one at most.
        var fewest = long.MaxValue;
        for (var window = 0; window < 3; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                sink += compiled.Evaluate(losses, variables);
                compiled.Gradient(losses, variables, gradient);
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        fewest.ShouldBe(0);
        double.IsFinite(sink).ShouldBeTrue();
    }

    [Fact]
    public void Compiled_weightings_are_safe_to_share_between_threads()
    {
        var compiled = WeightingExpression.Parse("max(y, z) * (alpha + y) - min(z, alpha) / (1 + y)").Compile(["y", "z"], ["alpha"]);
        var expected = Enumerable.Range(0, 64).Select(i => compiled.Evaluate([i, 64 - i], [i * 0.5])).ToArray();

        var results = new double[64];
        Parallel.For(0, 64, i =>
        {
            for (var repeat = 0; repeat < 2000; repeat++)
            {
                results[i] = compiled.Evaluate([i, 64 - i], [i * 0.5]);
            }
        });

        results.ShouldBe(expected);
    }
}
