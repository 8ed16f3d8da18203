using FairMtl.Compiled;
using FairMtl.Diagnostics;
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
        var resolved = new ExperimentCatalog([compiled]).Resolve("boston-compiled");
        resolved.CompiledWeighting.ShouldBeSameAs(compiled.Weighting);
        resolved.Experiment.Spec.ShouldBe(compiled.Spec);
        resolved.Experiment.BaseDirectory.ShouldBe(TestExperiments.ExperimentsDirectory);
    }

    [Fact]
    public void A_yaml_file_whose_spec_was_compiled_uses_the_compiled_weighting()
    {
        var compiled = Compiled("boston");
        var resolved = new ExperimentCatalog([compiled]).Resolve(BostonPath);
        resolved.CompiledWeighting.ShouldBeSameAs(compiled.Weighting);
        resolved.Experiment.Source.File.ShouldBe(BostonPath.Replace('\\', '/'));
    }

    [Fact]
    public void A_yaml_file_that_differs_from_every_compiled_spec_is_interpreted()
    {
        var compiled = Compiled("boston") with { Spec = Compiled("boston").Spec with { Loss = "y + z" } };
        new ExperimentCatalog([compiled]).Resolve(BostonPath).CompiledWeighting.ShouldBeNull();
    }

    [Fact]
    public void An_unknown_name_lists_the_compiled_experiments_and_suggests_the_nearest()
    {
        var exception = Should.Throw<FairMtlException>(() => new ExperimentCatalog([Compiled("boston-attr")]).Resolve("boston-atr"));
        exception.Code.ShouldBe(DiagnosticCodes.ExperimentFile);
        exception.Message.ShouldBe("error FMTL015: 'boston-atr' is neither an experiment file nor a compiled experiment; did you mean 'boston-attr'? (compiled experiments: boston-attr)");
    }

    private static CompiledExperiment Compiled(string name)
    {
        var spec = ExperimentYamlReader.Load(BostonPath).Spec;
        var weighting = WeightingExpression.Parse(spec.Loss).Compile(["y", "z"], ["alpha"]);
        return new CompiledExperiment(name, BostonPath, name == "boston" ? spec : spec with { Name = name }, weighting);
    }
}
