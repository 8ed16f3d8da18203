using FairMtl.Spec;
using FairMtl.Spec.Yaml;

namespace FairMtl.Generators.Tests;

public sealed class GeneratedSourceTests
{
    [Theory]
    [InlineData("boston", "FairMtl.Generated.Experiments.Boston.g.cs")]
    [InlineData("parkinson", "FairMtl.Generated.Experiments.Parkinson.g.cs")]
    public void The_generated_experiment_matches_the_approved_snapshot(string name, string hintName)
    {
        var run = GeneratorHarness.Run(Experiments.All());

        ApprovedSnapshot.Match(run.Source(hintName), name);
    }

    [Fact]
    public void The_registry_matches_the_approved_snapshot()
    {
        var run = GeneratorHarness.Run(Experiments.All());

        ApprovedSnapshot.Match(run.Source("FairMtl.Generated.ExperimentRegistry.g.cs"), "registry");
    }

    [Fact]
    public void The_repository_experiments_generate_without_diagnostics_and_compile_without_errors_or_warnings()
    {
        var run = GeneratorHarness.Run(Experiments.All());

        run.DiagnosticLines.ShouldBeEmpty();
        run.HintNames.Order(StringComparer.Ordinal).ShouldBe(
        [
            "FairMtl.Generated.ExperimentRegistry.g.cs",
            "FairMtl.Generated.Experiments.Boston.g.cs",
            "FairMtl.Generated.Experiments.Parkinson.g.cs",
        ]);
        run.OutputProblems.Select(d => d.ToString()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Experiments.BostonYaml, "FairMtl.Generated.Experiments.Boston")]
    [InlineData(Experiments.ParkinsonYaml, "FairMtl.Generated.Experiments.Parkinson")]
    public void The_compiled_spec_equals_the_runtime_readers_spec(string yamlFile, string typeName)
    {
        var run = GeneratorHarness.Run(Experiments.All());
        var type = GeneratorHarness.Load(run.Output).GetType(typeName)!;

        var compiled = (ExperimentSpec)type.GetProperty("Spec")!.GetValue(null)!;

        var runtime = ExperimentYamlReader.Load(Path.Combine(GeneratorHarness.RepositoryRoot, yamlFile)).Spec;
        compiled.ShouldBe(runtime);
        type.GetField("SourceFile")!.GetValue(null).ShouldBe(GeneratorHarness.Root + yamlFile);
        type.GetField("Name")!.GetValue(null).ShouldBe(runtime.Name);
    }

    [Fact]
    public void A_spec_with_every_data_row_key_compiles_to_the_runtime_readers_spec()
    {
        var yaml = Experiments.Small.Replace(
            "  file: data/parkinsons-telemonitoring/parkinsons_updrs.data\n",
            """
              file: data/parkinsons-telemonitoring/parkinsons_updrs.data
              skip_lines: 3
              append:
                - { file: data/more.data, skip_lines: 1 }
                - data/rest.data
              missing: ["?", "", "say \"hi\""]
              filter:
                - age <= 70
                - sex != -1
                - subject# == "a \\ b"
                - test_time > 1e-3
              categorical: [sex]

            """,
            StringComparison.Ordinal);
        yaml.ShouldContain("skip_lines: 3");
        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/rows.yaml", yaml)]);
        var type = GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.Experiments.Small")!;

        var compiled = (ExperimentSpec)type.GetProperty("Spec")!.GetValue(null)!;

        run.DiagnosticLines.ShouldBeEmpty();
        var runtime = ExperimentYamlReader.Parse(yaml, "rows.yaml", "/base").Spec;
        runtime.Data.Filters.Count.ShouldBe(4);
        runtime.Data.Missing[2].ShouldBe("say \"hi\"");
        compiled.ShouldBe(runtime);
    }

    [Fact]
    public void A_spec_with_listed_values_of_text_columns_compiles_to_the_runtime_readers_spec()
    {
        var yaml = Experiments.Small
            .Replace("groups: { column: sex, rule: binary }", "groups: { column: sex, privileged: [FEMALE, \"F \\\"x\\\"\"] }", StringComparison.Ordinal)
            .Replace("z: { column: sex, task: binary }", "z: { column: sex, task: binary, positive: [FEMALE] }", StringComparison.Ordinal);
        yaml.ShouldContain("positive: [FEMALE]");
        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/text.yaml", yaml)]);
        var type = GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.Experiments.Small")!;

        var compiled = (ExperimentSpec)type.GetProperty("Spec")!.GetValue(null)!;

        run.DiagnosticLines.ShouldBeEmpty();
        var runtime = ExperimentYamlReader.Parse(yaml, "text.yaml", "/base").Spec;
        runtime.Data.Groups.Privileged.ShouldBe(["FEMALE", "F \"x\""]);
        runtime.Heads[1].Positive.ShouldBe(["FEMALE"]);
        compiled.ShouldBe(runtime);

        var aboveYaml = Experiments.Small.Replace("z: { column: sex, task: binary }", "z: { column: sex, task: binary, above: 0.5 }", StringComparison.Ordinal);
        var aboveRun = GeneratorHarness.Run([GeneratorHarness.Text("experiments/above.yaml", aboveYaml)]);
        var aboveSpec = (ExperimentSpec)GeneratorHarness.Load(aboveRun.Output).GetType("FairMtl.Generated.Experiments.Small")!.GetProperty("Spec")!.GetValue(null)!;
        aboveSpec.Heads[1].Above.ShouldBe(0.5);
        aboveSpec.ShouldBe(ExperimentYamlReader.Parse(aboveYaml, "above.yaml", "/base").Spec);

        var rangeYaml = Experiments.Small.Replace("groups: { column: sex, rule: binary }", "groups: { column: sex, range: [0.5, 1.5] }", StringComparison.Ordinal);
        var rangeRun = GeneratorHarness.Run([GeneratorHarness.Text("experiments/range.yaml", rangeYaml)]);
        var rangeSpec = (ExperimentSpec)GeneratorHarness.Load(rangeRun.Output).GetType("FairMtl.Generated.Experiments.Small")!.GetProperty("Spec")!.GetValue(null)!;
        (rangeSpec.Data.Groups.Low, rangeSpec.Data.Groups.High).ShouldBe((0.5, 1.5));
        rangeSpec.ShouldBe(ExperimentYamlReader.Parse(rangeYaml, "range.yaml", "/base").Spec);
    }

    [Fact]
    public void A_spec_on_the_torch_engine_compiles_to_the_runtime_readers_spec_and_a_native_one_does_not_name_its_engine()
    {
        var yaml = Experiments.Small.Replace("training:\n", "training:\n  engine: torch\n", StringComparison.Ordinal);
        yaml.ShouldContain("engine: torch");
        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/torch.yaml", yaml)]);
        var source = run.Source("FairMtl.Generated.Experiments.Small.g.cs");

        var compiled = (ExperimentSpec)GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.Experiments.Small")!.GetProperty("Spec")!.GetValue(null)!;

        run.DiagnosticLines.ShouldBeEmpty();
        source.ShouldContain("Engine: global::FairMtl.Spec.TrainingEngine.Torch");
        compiled.Training.Engine.ShouldBe(TrainingEngine.Torch);
        compiled.ShouldBe(ExperimentYamlReader.Parse(yaml, "torch.yaml", "/base").Spec);

        var native = GeneratorHarness.Run([GeneratorHarness.Text("experiments/native.yaml", Experiments.Small)]);
        native.Source("FairMtl.Generated.Experiments.Small.g.cs").ShouldNotContain("TrainingEngine", Case.Sensitive, "the record's default, left out");
    }

    [Fact]
    public void An_unknown_engine_is_a_build_error_at_the_value()
    {
        var yaml = Experiments.Small.Replace("training:\n", "training:\n  engine: cuda\n", StringComparison.Ordinal);
        var (line, at) = GeneratorHarness.Find(yaml, "cuda");

        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/cuda.yaml", yaml)]);

        run.DiagnosticLines.ShouldBe([$"FMTL003 experiments/cuda.yaml({line},{at}): 'training.engine' must be one of native, torch, got 'cuda'"]);
    }

    [Fact]
    public void The_registry_lists_every_experiment_by_name_and_finds_them()
    {
        var yaml = Experiments.Small.Replace("name: small", "name: a-small-one", StringComparison.Ordinal);
        var run = GeneratorHarness.Run([.. Experiments.All(), GeneratorHarness.Text("experiments/small.yaml", yaml)]);
        var registry = GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.ExperimentRegistry")!;

        var all = (IReadOnlyList<global::FairMtl.Compiled.CompiledExperiment>)registry.GetProperty("All")!.GetValue(null)!;
        var find = registry.GetMethod("Find")!;

        all.Select(experiment => experiment.Name).ShouldBe(["a-small-one", "boston", "parkinson"]);
        all[0].Spec.Name.ShouldBe("a-small-one");
        all[0].SourceFile.ShouldBe(GeneratorHarness.Root + "experiments/small.yaml");
        find.Invoke(null, ["boston"]).ShouldBeSameAs(all[1]);
        find.Invoke(null, ["Boston"]).ShouldBeNull();
        run.HintNames.ShouldContain("FairMtl.Generated.Experiments.ASmallOne.g.cs");
    }

    [Fact]
    public void Without_experiments_the_registry_is_empty_and_compiles()
    {
        var run = GeneratorHarness.Run([], "public static class Unrelated { }");
        var registry = GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.ExperimentRegistry")!;

        run.OutputProblems.ShouldBeEmpty();
        ((IReadOnlyList<global::FairMtl.Compiled.CompiledExperiment>)registry.GetProperty("All")!.GetValue(null)!).ShouldBeEmpty();
    }
}
