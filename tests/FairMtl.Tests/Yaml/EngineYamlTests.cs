using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Comparisons;
using FairMtl.Tests.FairMt;

namespace FairMtl.Tests.Yaml;

/// <summary><c>training.engine</c> (native, the default, or torch) in sweep and comparison files; whether this process
/// can train with it is the host's question, not the reader's.</summary>
public class EngineYamlTests
{
    private static LoadedComparison ParseComparison(string yaml) => ComparisonYamlReader.Parse(yaml, "cmp.yaml", "/base");

    [Fact]
    public void A_sweep_reads_its_engine_and_is_native_without_one()
    {
        YamlTestFiles.Parse(YamlTestFiles.Minimal).Spec.Training.Engine.ShouldBe(TrainingEngine.Native);
        YamlTestFiles.Parse(YamlTestFiles.Minimal + "\n  engine: torch").Spec.Training.Engine.ShouldBe(TrainingEngine.Torch);
        YamlTestFiles.Parse(YamlTestFiles.Minimal + "\n  engine: Torch").Spec.Training.Engine.ShouldBe(TrainingEngine.Torch);
        YamlTestFiles.Parse(YamlTestFiles.Minimal + "\n  engine: native").Spec.ShouldBe(YamlTestFiles.Parse(YamlTestFiles.Minimal).Spec);
    }

    [Fact]
    public void A_comparison_reads_its_engine_and_is_native_without_one()
    {
        ParseComparison(ComparisonYamlTests.Minimal).Spec.Training.Engine.ShouldBe(TrainingEngine.Native);
        var torch = ParseComparison(ComparisonYamlTests.Minimal + "\n  engine: torch").Spec;

        torch.Training.ShouldBe(ParseComparison(ComparisonYamlTests.Minimal).Spec.Training with { Engine = TrainingEngine.Torch });
        ParseComparison(ComparisonYamlTests.Minimal + "\n  selection: last-epoch\n  engine: torch").Spec.Training
            .ShouldBe(torch.Training with { Selection = EpochChoice.LastEpoch });
    }

    [Fact]
    public void A_multi_task_comparison_reads_its_engine() =>
        ParseComparison(MultiTaskTests.Yaml.Replace("training:", "training:\n  engine: torch", StringComparison.Ordinal))
            .Spec.ShouldBeOfType<MultiTaskSpec>().Training.Engine.ShouldBe(TrainingEngine.Torch);

    [Fact]
    public void The_fairmt_kind_keeps_its_engine_through_its_last_epoch_selection()
    {
        var yaml = FairMtYamlTests.Minimal.Replace("training: { epochs: 3 }", "training: { epochs: 3, engine: torch }", StringComparison.Ordinal);
        yaml.ShouldNotBe(FairMtYamlTests.Minimal);

        var training = ParseComparison(yaml).Spec.ShouldBeOfType<FairMtSpec>().Training;

        (training.Selection, training.Engine).ShouldBe((EpochChoice.LastEpoch, TrainingEngine.Torch));
        ParseComparison(FairMtYamlTests.Minimal).Spec.Training.Engine.ShouldBe(TrainingEngine.Native);
    }

    [Fact]
    public void An_unknown_engine_in_a_sweep_is_FMTL003_at_the_value_listing_the_engines() =>
        YamlTestFiles.Error(YamlTestFiles.Minimal + "\n  engine: cuda")
            .ShouldBeAt(DiagnosticCodes.InvalidValue, 10, 11, "'training.engine' must be one of native, torch, got 'cuda'");

    [Fact]
    public void An_unknown_engine_in_a_comparison_is_FMTL003_at_the_value_listing_the_engines()
    {
        var error = Should.Throw<FairMtlException>(() => ParseComparison(ComparisonYamlTests.Minimal + "\n  engine: [torch]"));

        error.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        error.Location.ShouldBe(new SourceLocation("cmp.yaml", 13, 11));
        error.Message.ShouldBe("cmp.yaml(13,11): error FMTL003: 'training.engine' must be one of native, torch, got a list of 1 item");

        var fairMt = FairMtYamlTests.Minimal.Replace("training: { epochs: 3 }", "training: { epochs: 3, engine: gpu }", StringComparison.Ordinal);
        Should.Throw<FairMtlException>(() => ParseComparison(fairMt)).Message
            .ShouldBe("cmp.yaml(18,32): error FMTL003: 'training.engine' must be one of native, torch, got 'gpu'");
    }

    [Fact]
    public void A_misspelt_engine_key_suggests_engine() =>
        YamlTestFiles.Error(YamlTestFiles.Minimal + "\n  engines: torch").Detail.ShouldBe("unknown key 'engines' in 'training'; did you mean 'engine'?");
}
