using FairMtl.Compiled;
using FairMtl.Data;
using FairMtl.Generated;
using FairMtl.Generated.Experiments;
using FairMtl.Numerics;
using FairMtl.Reports;
using FairMtl.Spec.Yaml;
using FairMtl.Sweeps;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Compiled;

/// <summary>The experiments the source generator compiled into FairMtl.Experiments, checked against the runtime path.</summary>
public class CompiledExperimentTests
{
    [Fact]
    public void The_registry_lists_every_yaml_and_attribute_experiment_by_name()
    {
        ExperimentRegistry.All.Select(e => e.Name).ShouldBe(["boston", "boston-10seeds", "boston-attr", "boston-conditional", "parkinson", "parkinson-10seeds", "parkinson-conditional"]);
        ExperimentRegistry.Find("boston-attr")!.SourceFile.ShouldEndWith("BostonAttr.cs");
        ExperimentRegistry.Find("nope").ShouldBeNull();
    }

    [Theory]
    [InlineData("boston")]
    [InlineData("parkinson")]
    public void A_compiled_spec_equals_what_the_runtime_reads_from_the_same_yaml(string name)
    {
        var compiled = ExperimentRegistry.Find(name)!;
        var runtime = ExperimentYamlReader.Load(Path.Combine(TestExperiments.ExperimentsDirectory, name + ".yaml"));
        compiled.Spec.ShouldBe(runtime.Spec);
        Path.GetFullPath(compiled.SourceFile).ShouldBe(Path.GetFullPath(Path.Combine(TestExperiments.ExperimentsDirectory, name + ".yaml")));
    }

    [Fact]
    public void The_attribute_declared_boston_is_the_yaml_boston_under_another_name()
    {
        var yaml = ExperimentRegistry.Find("boston")!.Spec;
        var attributes = ExperimentRegistry.Find("boston-attr")!.Spec;
        attributes.ShouldBe(yaml with { Name = "boston-attr", Description = attributes.Description });
    }

    [Fact]
    public void The_attribute_declared_boston_and_boston_yaml_produce_identical_result_tables()
    {
        var yaml = Tables(RunCompiled(ExperimentRegistry.Find("boston")!));
        var attributes = Tables(RunCompiled(ExperimentRegistry.Find("boston-attr")!));
        attributes.ShouldBe(yaml);
    }

    [Fact]
    public void Compiled_and_interpreted_weightings_give_bit_identical_results()
    {
        var compiled = ExperimentRegistry.Find("parkinson")!;
        var experiment = compiled.Load();
        var reduced = experiment with
        {
            Spec = experiment.Spec with
            {
                Sweep = experiment.Spec.Sweep with { Variables = new[] { new FairMtl.Spec.SweepVariable("alpha", new[] { 0.3, 2.7, 4.9 }) } },
                Training = experiment.Spec.Training with { Epochs = 3 },
                Baseline = experiment.Spec.Baseline with { Epochs = 3 },
            },
        };
        var data = DataPreparation.Prepare(reduced);
        var interpreted = ExperimentRunner.Run(reduced, data, 2, null, 0, CancellationToken.None);
        var generated = ExperimentRunner.Run(reduced, data, 2, null, 0, CancellationToken.None, compiled.Weighting);
        Tables(generated).ShouldBe(Tables(interpreted));
    }

    [Theory]
    [InlineData("boston")]
    [InlineData("boston-attr")]
    [InlineData("parkinson")]
    public void Generated_derivatives_match_central_finite_differences(string name)
    {
        var weighting = ExperimentRegistry.Find(name)!.Weighting;
        var random = new DeterministicRandom(7);
        var gradient = new double[2];
        for (var trial = 0; trial < 200; trial++)
        {
            var losses = new[] { 10 * random.NextDouble(), 10 * random.NextDouble() };
            var variables = new[] { 5 * random.NextDouble() };
            weighting.Gradient(losses, variables, gradient);
            for (var i = 0; i < 2; i++)
            {
                const double step = 1e-5;
                var plus = (double[])losses.Clone();
                var minus = (double[])losses.Clone();
                plus[i] += step;
                minus[i] -= step;
                var numeric = (weighting.Evaluate(plus, variables) - weighting.Evaluate(minus, variables)) / (2 * step);
                gradient[i].ShouldBe(numeric, 1e-6 * Math.Max(1, Math.Abs(numeric)));
            }
        }
    }

    [Fact]
    public void The_static_derivatives_of_the_yaml_boston_are_alpha_and_five_minus_alpha()
    {
        Boston.Loss(1.5, 2.0, 3.0).ShouldBe(1.5 * 2.0 + (5 - 1.5) * 3.0);
        Boston.LossDerivativeY(1.5, 2.0, 3.0).ShouldBe(1.5);
        Boston.LossDerivativeZ(1.5, 2.0, 3.0).ShouldBe(3.5);
        FairMtl.Experiments.BostonAttr.LossDerivativeY(1.5, 2.0, 3.0).ShouldBe(1.5);
        FairMtl.Experiments.BostonAttr.LossDerivativeZ(1.5, 2.0, 3.0).ShouldBe(3.5);
    }

    [Fact]
    public void Typed_results_mirror_the_result_tables()
    {
        var compiled = Boston.Compiled;
        var raw = RunCompiled(compiled);
        var typed = Boston.FromResult(raw);
        typed.Sweep.Count.ShouldBe(50);
        typed.Sweep.Select(row => row.Alpha).ShouldBe(raw.Sweep.Select(run => run.Point!.Values[0]));
        typed.Sweep[7].Rmse.ShouldBe(raw.Sweep[7].Metrics!.Errors.Overall.Rmse);
        typed.Sweep[7].MseDisparity.ShouldBe(raw.Sweep[7].Metrics!.Errors.Disparity(FairMtl.Spec.ErrorMetric.Mse));
        typed.Sweep[7].ZR2.ShouldBe(raw.Sweep[7].Metrics!.Auxiliary.Single().Value);
        typed.Baseline.Single().Mse.ShouldBe(raw.Baseline.Single().Metrics!.Errors.Overall.Mse);
        typed.Pareto.Select(row => row.Alpha).ShouldBe(raw.Pareto.Select(p => p.Point.Values[0]));
    }

    private static ExperimentResult RunCompiled(CompiledExperiment compiled)
    {
        var experiment = compiled.Load();
        return ExperimentRunner.Run(experiment, DataPreparation.Prepare(experiment), 2, null, 0, CancellationToken.None, compiled.Weighting);
    }

    private static string Tables(ExperimentResult result) =>
        CsvFormat.Write(ResultTables.Baseline(result)) + CsvFormat.Write(ResultTables.Sweep(result)) + CsvFormat.Write(ResultTables.Pareto(result));
}
