using FairMtl.Objectives.Weighting;

namespace FairMtl.Tests.Weighting;

public class WeightingCSharpTests
{
    private static string Map(string name) => name switch
    {
        "y" => "losses[0]",
        "z" => "losses[1]",
        _ => "variables[0]",
    };

    [Fact]
    public void The_papers_expression_prints_as_csharp() =>
        WeightingExpression.Parse("alpha * y + (5 - alpha) * z").ToCSharp(Map)
            .ShouldBe("variables[0] * losses[0] + (5d - variables[0]) * losses[1]");

    [Fact]
    public void Its_derivatives_print_as_csharp()
    {
        var expression = WeightingExpression.Parse("alpha * y + (5 - alpha) * z");

        expression.Derivative("y").ToCSharp(Map).ShouldBe("variables[0]");
        expression.Derivative("z").ToCSharp(Map).ShouldBe("5d - variables[0]");
    }

    [Theory]
    [InlineData("max(y, -z) / exp(1e-3)", "System.Math.Max(losses[0], -losses[1]) / System.Math.Exp(0.001d)")]
    [InlineData("min(abs(y), sqrt(z)) - log(0.5)", "System.Math.Min(System.Math.Abs(losses[0]), System.Math.Sqrt(losses[1])) - System.Math.Log(0.5d)")]
    [InlineData("y - -z", "losses[0] - (-losses[1])")]
    [InlineData("-(-y) * 1e-7", "-(-losses[0]) * 1E-07d")]
    public void Functions_map_to_System_Math_and_literals_are_doubles(string text, string csharp) =>
        WeightingExpression.Parse(text).ToCSharp(Map).ShouldBe(csharp);

    [Fact]
    public void Derivative_only_nodes_print_as_csharp_that_cannot_throw()
    {
        WeightingExpression.Parse("abs(y - z)").Derivative("y").ToCSharp(Map)
            .ShouldBe("((losses[0] - losses[1]) > 0d ? 1d : (losses[0] - losses[1]) < 0d ? -1d : 0d)");
        WeightingExpression.Parse("3 * max(y, z)").Derivative("y").ToCSharp(Map)
            .ShouldBe("3d * (losses[0] >= losses[1] ? 1d : 0d)");
    }
}
