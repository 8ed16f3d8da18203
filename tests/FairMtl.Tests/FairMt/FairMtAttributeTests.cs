using FairMtl.Generated;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.FairMt;

/// <summary><c>experiments/LsacFairMtAttr.cs</c> declares with attributes the experiment of <c>lsac-fairmt.yaml</c> at
/// a small scale: the compiled comparison loads to the YAML's spec with the same reductions, so both give the same
/// results.</summary>
public class FairMtAttributeTests
{
    [Fact]
    public void The_attribute_experiment_is_the_yaml_experiment_at_its_declared_scale()
    {
        var compiled = ExperimentRegistry.Comparisons.Single(c => c.Name == "lsac-fairmt-attr");
        var fromAttributes = compiled.Load().Spec.ShouldBeOfType<FairMtSpec>();

        var file = Path.Combine(TestExperiments.ExperimentsDirectory, "lsac-fairmt.yaml");
        var yaml = ComparisonYamlReader.Parse(File.ReadAllText(file), file, TestExperiments.ExperimentsDirectory).Spec.ShouldBeOfType<FairMtSpec>();
        var reduced = yaml with
        {
            Name = fromAttributes.Name,
            Description = fromAttributes.Description,
            Methods = yaml.Methods.Where(m => m.Name is "MTL" or "PEN" or "PD").ToArray(),
            Sweep = new ConstraintSweepSpec(new[] { 1d }, new[] { 0.01 }),
            Protocol = yaml.Protocol with { Repetitions = 1 },
            Training = yaml.Training with { Epochs = 2 },
        };

        fromAttributes.ShouldBe(reduced);
        Path.GetFileName(compiled.SourceFile).ShouldBe("LsacFairMtAttr.cs");
    }
}
