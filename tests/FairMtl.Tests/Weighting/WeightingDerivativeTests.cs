using FairMtl.Objectives.Weighting;

namespace FairMtl.Tests.Weighting;

public class WeightingDerivativeTests
{
    private const string Paper = "alpha * y + (5 - alpha) * z";

    [Theory]
    [InlineData("y", "alpha")]
    [InlineData("z", "5 - alpha")]
    [InlineData("alpha", "y - z")]
    [InlineData("w", "0")]
    public void The_papers_expression_differentiates_to_its_weights(string name, string derivative) =>
        WeightingExpression.Parse(Paper).Derivative(name).ToString().ShouldBe(derivative);

    [Theory]
    [InlineData("x * 1 + 0 * y + (2 + 3) * z - 0", "z", "5")]
    [InlineData("x * 1 + 0 * y + (2 + 3) * z - 0", "x", "1")]
    [InlineData("x * x", "x", "x + x")]
    [InlineData("3 * x / 2", "x", "1.5")]
    [InlineData("x / y", "y", "-(x / (y * y))")]
    [InlineData("x / y", "x", "1 / y")]
    [InlineData("-x", "x", "-1")]
    [InlineData("2 - -x", "x", "1")]
    [InlineData("abs(x)", "x", "sign(x)")]
    [InlineData("abs(2 * x)", "x", "sign(2 * x) * 2")]
    [InlineData("exp(2 * x)", "x", "exp(2 * x) * 2")]
    [InlineData("log(x)", "x", "1 / x")]
    [InlineData("sqrt(x)", "x", "1 / (2 * sqrt(x))")]
    [InlineData("max(x, 2 * y)", "x", "x >= 2 * y ? 1 : 0")]
    [InlineData("max(x, 2 * y)", "y", "x >= 2 * y ? 0 : 2")]
    [InlineData("min(x, y)", "x", "y >= x ? 1 : 0")]
    [InlineData("max(x, y) * 3", "x", "(x >= y ? 1 : 0) * 3")]
    [InlineData("max(x, 1) + max(y, 1)", "x", "x >= 1 ? 1 : 0")]
    [InlineData("max(2, 1) * x", "x", "2")]
    public void Derivatives_follow_the_rules_and_simplify(string text, string name, string derivative) =>
        WeightingExpression.Parse(text).Derivative(name).ToString().ShouldBe(derivative);

    [Theory]
    [InlineData(Paper)]
    [InlineData("exp(0.3 * y) * log(z + 2) - sqrt(y * z)")]
    [InlineData("max(y, 2 * z) + min(y * y, z) / (1 + abs(y - 3 * z))")]
    [InlineData("y / (z + alpha) - -y * exp(-z)")]
    [InlineData("sqrt(abs(y - z) + 1) * log(max(y, z)) + min(alpha, y) * z")]
    [InlineData("(y - z) / (y * z) / alpha - alpha / y")]
    public void Compiled_gradient_matches_central_finite_differences(string text)
    {
        var compiled = WeightingExpression.Parse(text).Compile(["y", "z"], ["alpha"]);
        var gradient = new double[2];
        foreach (var (y, z, alpha) in new[] { (1.3, 0.7, 2.2), (0.4, 1.9, 0.5), (3.1, 2.2, 4.0) })
        {
            var losses = new[] { y, z };
            double[] variables = [alpha];
            compiled.Gradient(losses, variables, gradient);
            for (var i = 0; i < 2; i++)
            {
                const double h = 1e-6;
                var plus = (double[])losses.Clone();
                var minus = (double[])losses.Clone();
                plus[i] += h;
                minus[i] -= h;
                var numeric = (compiled.Evaluate(plus, variables) - compiled.Evaluate(minus, variables)) / (2 * h);
                gradient[i].ShouldBe(numeric, 1e-6 * Math.Max(1, Math.Abs(numeric)), $"d/d{compiled.LossNames[i]} at y={y}, z={z}, alpha={alpha}");
            }
        }
    }

    [Fact]
    public void Abs_has_derivative_zero_at_its_kink_and_max_takes_the_first_argument_on_a_tie()
    {
        var compiled = WeightingExpression.Parse("abs(y - 1) + max(z, 2 * y)").Compile(["y", "z"], []);
        var gradient = new double[2];

        compiled.Gradient([1, 2], [], gradient);

        gradient.ShouldBe([0d, 1d]);
    }
}
