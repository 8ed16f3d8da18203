using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Store;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Conditional;

public class ConditionalYamlTests
{
    private static string WithConditional(string conditional, string yaml = TwoHeads) =>
        yaml.WithLine("alpha:", "  alpha: { from: 0, to: 4, count: 5 }\n  conditional: " + conditional);

    [Fact]
    public void The_defaults_are_per_row_uniform_draws_with_film_for_the_training_epochs_and_a_101_value_grid()
    {
        var sweep = Parse(WithConditional("{}")).Spec.Sweep;

        sweep.Conditional.ShouldBe(new ConditionalSpec(ConditionalSampling.PerRow, ConditionalDistribution.Uniform, true, 3, 101));
        sweep.Variables[0].Values.ShouldBe([0, 1, 2, 3, 4]);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        var yaml = WithConditional("{ sampling: per-batch, distribution: points, film: false, epochs: 40, grid: 0 }");

        Parse(yaml).Spec.Sweep.Conditional.ShouldBe(new ConditionalSpec(ConditionalSampling.PerBatch, ConditionalDistribution.Points, false, 40, 0));
    }

    [Fact]
    public void The_spec_json_carries_it_only_when_declared()
    {
        CanonicalJson.Write(Parse(TwoHeads).Spec).ShouldNotContain("conditional");
        var json = CanonicalJson.Write(Parse(TwoHeads.WithLine("alpha:", "  alpha: [0.5, 2]\n  conditional: { distribution: log-uniform }")).Spec);

        json.ShouldContain("\"conditional\":{\"sampling\":\"per-row\",\"distribution\":\"log-uniform\",\"film\":true,\"epochs\":3,\"grid\":101}");
    }

    public static TheoryData<string, string, int, string> Mistakes => new()
    {
        { WithConditional("{ sampling: per-sample }"), DiagnosticCodes.InvalidValue, 12, "per-batch" },
        { WithConditional("{ distribution: log-uniform }"), DiagnosticCodes.ImpossibleRange, 12, "sweep variable 'alpha' has the value 0; a log-uniform range needs positive values" },
        { WithConditional("{ grid: 1 }"), DiagnosticCodes.InvalidValue, 12, "0 (no grid) or an integer from 2 to 10000" },
        { WithConditional("{ epochs: 0 }"), DiagnosticCodes.InvalidValue, 12, "an integer > 0" },
        { WithConditional("{ film: maybe }"), DiagnosticCodes.InvalidValue, 12, "'sweep.conditional.film'" },
        { WithConditional("{ epoch: 3 }"), DiagnosticCodes.UnknownKey, 12, "epoch" },
        { TwoHeads.WithLine("alpha:", "  conditional: {}"), DiagnosticCodes.ImpossibleRange, 11, "needs at least one sweep variable" },
        { WithConditional("{}").WithLine("epochs:", "  epochs: 3\n  regime: { kind: warm-start-blocks, block_size: 2 }"), DiagnosticCodes.InvalidValue, 12, "warm-start-blocks" },
        { WithConditional("{}").WithLine("epochs:", "  epochs: 3\n  engine: torch"), DiagnosticCodes.InvalidValue, 12, "'training.engine' is torch" },
        { WithConditional("{}").WithLine("loss:", "loss: alpha * y * z"), DiagnosticCodes.InvalidValue, 12, "d(loss)/d(y) = alpha * z depends on 'z'; use 'sampling: per-batch'" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_located_and_explained(string yaml, string code, int line, string detail)
    {
        var error = Error(yaml);

        error.Code.ShouldBe(code);
        error.Location!.Line.ShouldBe(line);
        error.Message.ShouldContain(detail);
    }

    [Fact]
    public void A_loss_that_is_not_linear_in_the_losses_may_be_drawn_per_batch() =>
        Parse(WithConditional("{ sampling: per-batch }").WithLine("loss:", "loss: alpha * y * z")).Spec.Sweep.Conditional!.Sampling
            .ShouldBe(ConditionalSampling.PerBatch);
}
