using FairMtl.Compiled;
using FairMtl.Diagnostics;
using FairMtl.Host.Kinds;
using FairMtl.Host.Running;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

public class ExperimentCatalogTests
{
    private static readonly string BostonPath = Path.Combine(TestExperiments.ExperimentsDirectory, "boston.yaml");

    [Fact]
    public void A_compiled_experiment_is_found_by_name_with_its_weighting()
    {
        var compiled = Compiled("boston-compiled");
        var resolved = new ExperimentCatalog([compiled]).FindCompiled("boston-compiled")!;
        resolved.CompiledWeighting.ShouldBeSameAs(compiled.Weighting);
        resolved.Experiment.Spec.ShouldBe(compiled.Spec);
        resolved.Experiment.BaseDirectory.ShouldBe(TestExperiments.ExperimentsDirectory);
    }

    [Fact]
    public void A_yaml_file_whose_spec_was_compiled_uses_the_compiled_weighting()
    {
        var compiled = Compiled("boston");
        var resolved = ResolveFile(new ExperimentCatalog([compiled]), BostonPath);
        resolved.CompiledWeighting.ShouldBeSameAs(compiled.Weighting);
        resolved.Experiment.Source.File.ShouldBe(BostonPath.Replace('\\', '/'));
    }

    [Fact]
    public void An_unchanged_compiled_yaml_file_runs_from_the_compiled_spec_without_being_parsed()
    {
        var compiled = Compiled("boston") with { SourceHash = FairMtl.Spec.DeclarationHash.Of(File.ReadAllText(BostonPath)) };
        var resolved = ResolveFile(new ExperimentCatalog([compiled]), BostonPath);
        resolved.Experiment.Spec.ShouldBeSameAs(compiled.Spec);
        resolved.CompiledWeighting.ShouldBeSameAs(compiled.Weighting);
        resolved.Experiment.BaseDirectory.ShouldBe(TestExperiments.ExperimentsDirectory);

        var edited = compiled with { SourceHash = FairMtl.Spec.DeclarationHash.Of("something else") };
        var reparsed = ResolveFile(new ExperimentCatalog([edited]), BostonPath);
        reparsed.Experiment.Spec.ShouldNotBeSameAs(compiled.Spec);
        reparsed.Experiment.Spec.ShouldBe(compiled.Spec);
    }

    [Fact]
    public void The_registry_records_the_hash_of_each_compiled_yaml_file()
    {
        foreach (var name in new[] { "boston", "parkinson" })
        {
            var compiled = FairMtl.Generated.ExperimentRegistry.Find(name)!;
            var path = Path.Combine(TestExperiments.ExperimentsDirectory, name + ".yaml");
            compiled.IsCompiledFrom(path, File.ReadAllText(path)).ShouldBeTrue(name);
        }

        FairMtl.Generated.ExperimentRegistry.Find("boston-attr")!.SourceHash.ShouldBeNull();
    }

    [Fact]
    public void A_yaml_file_that_differs_from_every_compiled_spec_is_interpreted()
    {
        var compiled = Compiled("boston") with { Spec = Compiled("boston").Spec with { Loss = "y + z" } };
        ResolveFile(new ExperimentCatalog([compiled]), BostonPath).CompiledWeighting.ShouldBeNull();
    }

    [Fact]
    public void An_unknown_name_lists_the_compiled_experiments_and_suggests_the_nearest()
    {
        var exception = Should.Throw<FairMtlException>(() => new ExperimentKinds([Compiled("boston-attr")], []).Resolve("boston-atr"));
        exception.Code.ShouldBe(DiagnosticCodes.ExperimentFile);
        exception.Message.ShouldBe("error FMTL015: 'boston-atr' is neither an experiment file nor a compiled experiment; did you mean 'boston-attr'? (compiled experiments: boston-attr)");
    }

    private static ResolvedExperiment ResolveFile(ExperimentCatalog catalog, string path) => catalog.ResolveFile(path, ExperimentYamlReader.ReadFile(path));

    private static CompiledExperiment Compiled(string name)
    {
        var spec = ExperimentYamlReader.Load(BostonPath).Spec;
        var weighting = WeightingExpression.Parse(spec.Loss).Compile(["y", "z"], ["alpha"]);
        return new CompiledExperiment(name, BostonPath, name == "boston" ? spec : spec with { Name = name }, weighting);
    }
}
