using FairMtl.Objectives.Weighting;

namespace FairMtl.Tests.Weighting;

public class WeightingValidationTests
{
    private static readonly string[] Losses = ["y", "z"];
    private static readonly string[] Variables = ["alpha"];

    [Fact]
    public void The_papers_expression_is_valid() =>
        Should.NotThrow(() => WeightingExpression.Parse("alpha * y + (5 - alpha) * z").Validate(Losses, Variables));

    [Fact]
    public void Unknown_name_is_reported_at_its_first_occurrence_with_a_suggestion_and_the_known_names()
    {
        var error = Should.Throw<WeightingSyntaxException>(
            () => WeightingExpression.Parse("alpha * y + (5 - alpha) * zz + zz").Validate(Losses, Variables));

        error.Message.ShouldBe("unknown name 'zz' in loss expression; did you mean 'z'? Loss names: y, z; sweep variables: alpha");
        error.Position.ShouldBe(26);
    }

    [Fact]
    public void Unknown_name_without_a_close_match_lists_the_known_names_only()
    {
        var error = Should.Throw<WeightingSyntaxException>(
            () => WeightingExpression.Parse("y + gamma_weight * z").Validate(Losses, []));

        error.Message.ShouldBe("unknown name 'gamma_weight' in loss expression. Loss names: y, z; sweep variables: none");
        error.Position.ShouldBe(4);
    }

    [Fact]
    public void Suggestions_ignore_case()
    {
        var error = Should.Throw<WeightingSyntaxException>(
            () => WeightingExpression.Parse("ALPHA * y").Validate(Losses, Variables));

        error.Message.ShouldContain("did you mean 'alpha'?");
    }

    [Fact]
    public void An_expression_must_use_at_least_one_loss()
    {
        var error = Should.Throw<WeightingSyntaxException>(
            () => WeightingExpression.Parse("alpha * 2").Validate(Losses, Variables));

        error.Message.ShouldBe("the loss expression references no loss; use at least one of: y, z");
    }

    [Fact]
    public void A_name_that_is_both_a_loss_and_a_variable_is_a_caller_error() =>
        Should.Throw<ArgumentException>(() => WeightingExpression.Parse("y").Validate(["y"], ["y"]));

    [Fact]
    public void Compile_validates_first() =>
        Should.Throw<WeightingSyntaxException>(() => WeightingExpression.Parse("y + w").Compile(Losses, Variables))
            .Position.ShouldBe(4);
}
