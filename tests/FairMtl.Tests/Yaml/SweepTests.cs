using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

public class SweepTests
{
    [Fact]
    public void A_grid_spans_from_to_inclusive()
    {
        var sweep = Parse(TwoHeads.WithLine("alpha:", "  alpha: { from: 1, to: 2, count: 3 }")).Spec.Sweep;

        sweep.Variables[0].Values.ShouldBe([1, 1.5, 2]);
    }

    [Fact]
    public void A_grid_of_one_value_needs_equal_ends() =>
        Parse(TwoHeads.WithLine("alpha:", "  alpha: { from: 2.5, to: 2.5, count: 1 }")).Spec.Sweep.Variables[0].Values.ShouldBe([2.5]);

    [Fact]
    public void A_list_is_taken_as_is()
    {
        var sweep = Parse(TwoHeads.WithLine("alpha:", "  alpha: [0.5, 2, 1, -3e-1]")).Spec.Sweep;

        sweep.Variables[0].Values.ShouldBe([0.5, 2, 1, -0.3]);
    }

    [Fact]
    public void Variables_keep_their_declaration_order()
    {
        var sweep = Parse(TwoHeads.WithLine("alpha:", "  beta: [1, 2]\n  alpha: [3, 4, 5]").WithLine("loss:", "loss: alpha * y + beta * z")).Spec.Sweep;

        sweep.Variables.Select(variable => variable.Name).ShouldBe(["beta", "alpha"]);
        sweep.PointCount.ShouldBe(6);
    }

    [Fact]
    public void Seeds_are_a_list_or_a_count()
    {
        Parse(TwoHeads.WithLine("alpha:", "  alpha: [1]\n  seeds: [7, 3]")).Spec.Sweep.Seeds.ShouldBe([7, 3]);
        Parse(TwoHeads.WithLine("alpha:", "  alpha: [1]\n  seeds: 3")).Spec.Sweep.Seeds.ShouldBe([0, 1, 2]);
        Parse(TwoHeads).Spec.Sweep.Seeds.ShouldBe([42]);
    }

    [Fact]
    public void A_sweep_variable_may_go_unused_by_the_loss() =>
        Parse(TwoHeads.WithLine("alpha:", "  alpha: [1]\n  unused: [1, 2]")).Spec.Sweep.PointCount.ShouldBe(2);
}
