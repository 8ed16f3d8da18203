using FairMtl.Comparisons;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Store;
using FairMtl.Sweeps;
using FairMtl.Tests.Comparisons;
using FairMtl.Tests.Data;
using FairMtl.Tests.Yaml;

namespace FairMtl.Tests.Store;

/// <summary>
/// <c>training.engine</c> came after specs were stored: a native experiment's stored texts, and so its units'
/// identities, are what they were before the key existed; a torch experiment's units are others (another engine gives
/// other numbers, so the run store never mixes them).
/// </summary>
public class EngineIdentityTests
{
    [Fact]
    public void A_native_sweep_keeps_its_stored_texts_and_a_torch_one_gets_others()
    {
        var native = YamlTestFiles.Parse(YamlTestFiles.Minimal).Spec;
        var declaredNative = YamlTestFiles.Parse(YamlTestFiles.Minimal + "\n  engine: native").Spec;
        var torch = YamlTestFiles.Parse(YamlTestFiles.Minimal + "\n  engine: torch").Spec;

        // The training section's text as stored before training.engine existed.
        CanonicalJson.Write(native.Training).ShouldBe(
            "{\"optimizer\":{\"kind\":\"adam\",\"learning_rate\":0.001,\"beta1\":0.9,\"beta2\":0.999,\"epsilon\":1E-07,\"momentum\":0,"
            + "\"initial_accumulator\":0.1},\"batch_size\":32,\"epochs\":3,\"regime\":{\"kind\":\"independent\",\"block_size\":1,"
            + "\"keep_optimizer_state\":false},\"early_stopping\":null}");
        var (spec, basis) = RegressionSweepKind.TextsOf(native);
        spec.ShouldNotContain("engine");
        RegressionSweepKind.TextsOf(declaredNative).ShouldBe((spec, basis));

        var (torchSpec, torchBasis) = RegressionSweepKind.TextsOf(torch);
        torchBasis.ShouldContain("\"early_stopping\":null,\"engine\":\"torch\"}");
        Identity("sweep", torchBasis).ShouldNotBe(Identity("sweep", basis));
        CanonicalJson.Read<ExperimentSpec>(torchSpec).ShouldBe(torch);
        CanonicalJson.Read<ExperimentSpec>(spec).ShouldBe(native);
    }

    [Fact]
    public void A_native_comparison_keeps_its_stored_texts_and_a_torch_one_gets_others()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv(300));
        StoredExperiment Described(string yaml) => MethodComparisonKind.Load(ComparisonYamlReader.Parse(yaml, "s.yaml", folder.Path)).Describe();
        var yaml = ComparisonRunnerTests.Yaml;

        var native = Described(yaml);
        var declaredNative = Described(yaml.Replace("  epochs: 8", "  epochs: 8\n  engine: native", StringComparison.Ordinal));
        var torch = Described(yaml.Replace("  epochs: 8", "  epochs: 8\n  engine: torch", StringComparison.Ordinal));

        native.Spec.ShouldNotContain("engine");
        (declaredNative.Spec, declaredNative.Basis).ShouldBe((native.Spec, native.Basis));
        torch.Basis.ShouldContain("\"engine\":\"torch\"");
        UnitIdentity.OfBasis(torch, NumericsVersion.Current).ShouldNotBe(UnitIdentity.OfBasis(native, NumericsVersion.Current));
        UnitIdentity.OfResult(torch, NumericsVersion.Current).ShouldNotBe(UnitIdentity.OfResult(native, NumericsVersion.Current));
        CanonicalJson.Read<MethodComparisonSpec>(torch.Spec).Training.Engine.ShouldBe(TrainingEngine.Torch);
    }

    private static string Identity(string kind, string basis) =>
        UnitIdentity.OfBasis(new StoredExperiment("x", kind, string.Empty, basis, []), NumericsVersion.Current);

    [Fact]
    public void The_numerics_version_of_a_torch_unit_joins_the_engines_version_and_a_native_one_is_as_before()
    {
        NumericsVersion.For(TrainingEngine.Native).ShouldBe(NumericsVersion.Current);
        NumericsVersion.Of(TrainingEngine.Native, "ignored").ShouldBe(NumericsVersion.Current);

        var first = NumericsVersion.Of(TrainingEngine.Torch, "build-1");
        first.ShouldBe(NumericsVersion.Current + "+torch:build-1");
        NumericsVersion.Of(TrainingEngine.Torch, "build-2").ShouldNotBe(first);
    }
}
