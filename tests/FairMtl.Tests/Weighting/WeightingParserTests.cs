using FairMtl.Objectives.Weighting;

namespace FairMtl.Tests.Weighting;

public class WeightingParserTests
{
    [Theory]
    [InlineData("alpha * y + (5 - alpha) * z")]
    [InlineData("a - b - c")]
    [InlineData("a - (b - c)")]
    [InlineData("a / b / c")]
    [InlineData("a / (b / c)")]
    [InlineData("a + (b + c)")]
    [InlineData("a * (b + c) / d")]
    [InlineData("-a * b")]
    [InlineData("-(a * b)")]
    [InlineData("-(-a)")]
    [InlineData("a - (-b)")]
    [InlineData("max(a, b) + min(1, abs(c))")]
    [InlineData("exp(-x) / sqrt(log(y))")]
    [InlineData("0.5 * y + 0.001 * z")]
    public void Canonical_text_prints_unchanged_and_reparses_to_the_same_tree(string text)
    {
        var expression = WeightingExpression.Parse(text);

        expression.ToString().ShouldBe(text);
        WeightingExpression.Parse(expression.ToString()).Root.IsSameAs(expression.Root).ShouldBeTrue();
    }

    [Theory]
    [InlineData("((a + b)) * c", "(a + b) * c")]
    [InlineData("(a) - (b)", "a - b")]
    [InlineData("a * -b", "a * (-b)")]
    [InlineData("--a", "-(-a)")]
    [InlineData("1e-3*y", "0.001 * y")]
    [InlineData("2.50 * .5", "2.5 * 0.5")]
    [InlineData("  max( a ,b )\n+c ", "max(a, b) + c")]
    [InlineData("(a * b) + (c / d)", "a * b + c / d")]
    public void Printing_drops_redundant_parentheses_and_normalises_spacing(string text, string printed) =>
        WeightingExpression.Parse(text).ToString().ShouldBe(printed);

    [Fact]
    public void Subtraction_and_division_associate_to_the_left()
    {
        var difference = WeightingExpression.Parse("a - b - c").Root.ShouldBeOfType<WeightingBinary>();
        difference.Operator.ShouldBe(WeightingOperator.Subtract);
        difference.Left.ShouldBeOfType<WeightingBinary>().Operator.ShouldBe(WeightingOperator.Subtract);
        difference.Right.ShouldBeOfType<WeightingName>().Name.ShouldBe("c");

        Evaluate("a - b - c", 10, 3, 2).ShouldBe(5);
        Evaluate("a / b / c", 8, 4, 2).ShouldBe(1);
        Evaluate("a - (b - c)", 10, 3, 2).ShouldBe(9);
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition_and_unary_minus_tighter_than_both()
    {
        var sum = WeightingExpression.Parse("a + b * c").Root.ShouldBeOfType<WeightingBinary>();
        sum.Operator.ShouldBe(WeightingOperator.Add);
        sum.Right.ShouldBeOfType<WeightingBinary>().Operator.ShouldBe(WeightingOperator.Multiply);

        var product = WeightingExpression.Parse("-a * b").Root.ShouldBeOfType<WeightingBinary>();
        product.Left.ShouldBeOfType<WeightingNegation>();

        Evaluate("a + b * c", 1, 2, 3).ShouldBe(7);
        Evaluate("-a - b * -c", 1, 2, 3).ShouldBe(5);
        Evaluate("-(a - b) * c", 1, 2, 3).ShouldBe(3);
    }

    [Fact]
    public void Nodes_record_where_they_were_written()
    {
        var root = WeightingExpression.Parse("alpha * y + max(y, 2)").Root.ShouldBeOfType<WeightingBinary>();
        root.Position.ShouldBe(10);
        root.Right.ShouldBeOfType<WeightingCall>().Position.ShouldBe(12);
        ((WeightingBinary)root.Left).Right.Position.ShouldBe(8);
    }

    [Theory]
    [InlineData("", 0, "the expression is empty")]
    [InlineData("   ", 0, "the expression is empty")]
    [InlineData("a +", 3, "unexpected end of expression")]
    [InlineData("alpha * (y + z", 14, "unexpected end of expression; expected ')'")]
    [InlineData("(a + b c)", 7, "expected ')' at column 8")]
    [InlineData("max(a b)", 6, "expected ',' or ')' at column 7")]
    [InlineData("a + * b", 4, "unexpected '*' at column 5; expected a number, a name or '('")]
    [InlineData("a b", 2, "unexpected 'b' at column 3; expected an operator")]
    [InlineData("a + b)", 5, "unexpected ')' at column 6; it has no matching '('")]
    [InlineData("a # b", 2, "unexpected character '#' at column 3")]
    [InlineData("y * maxx(a, b)", 4, "unknown function 'maxx'; functions: abs, exp, log, max, min, sqrt")]
    [InlineData("y * sign(a)", 4, "unknown function 'sign'; functions: abs, exp, log, max, min, sqrt")]
    [InlineData("max(a)", 0, "function 'max' takes 2 arguments, got 1")]
    [InlineData("2 * exp(a, b)", 4, "function 'exp' takes 1 argument, got 2")]
    [InlineData("y + sqrt()", 4, "function 'sqrt' takes 1 argument, got 0")]
    [InlineData("y * 2alpha", 4, "malformed number '2alpha' at column 5")]
    [InlineData("1e + y", 0, "malformed number '1e' at column 1")]
    [InlineData("1.2.3 * y", 0, "malformed number '1.2.3' at column 1")]
    [InlineData("5. * y", 0, "malformed number '5.' at column 1")]
    [InlineData("y * 1e999", 4, "number '1e999' at column 5 is out of range")]
    public void Syntax_errors_give_a_message_and_the_position(string text, int position, string message)
    {
        var error = Should.Throw<WeightingSyntaxException>(() => WeightingExpression.Parse(text));

        error.Message.ShouldBe(message);
        error.Position.ShouldBe(position);
    }

    [Fact]
    public void Deep_nesting_is_an_error_rather_than_a_stack_overflow()
    {
        var parentheses = new string('(', 5000) + "y" + new string(')', 5000);
        var negations = new string('-', 5000) + "y";
        var chain = string.Join(" + ", Enumerable.Repeat("y", 5000));

        foreach (var text in new[] { parentheses, negations, chain })
        {
            Should.Throw<WeightingSyntaxException>(() => WeightingExpression.Parse(text))
                .Message.ShouldStartWith("the expression is nested too deeply");
        }

        WeightingExpression.Parse(string.Join(" + ", Enumerable.Repeat("y", 150))).Names.ShouldBe(["y"]);
    }

    [Fact]
    public void Names_lists_identifiers_in_order_of_first_occurrence()
    {
        WeightingExpression.Parse("alpha * y + (5 - alpha) * z + max(y, beta)").Names.ShouldBe(["alpha", "y", "z", "beta"]);
        WeightingExpression.Parse("2 * 3").Names.ShouldBeEmpty();
    }

    private static double Evaluate(string text, double a, double b, double c) =>
        WeightingExpression.Parse(text + " + 0 * l").Compile(["l"], ["a", "b", "c"]).Evaluate([0], [a, b, c]);
}
