using System.Reflection;
using FairMtl.Compiled;
using FairMtl.Data;
using FairMtl.Spec.Yaml;
using FairMtl.Sweeps;

namespace FairMtl.Generators.Tests;

/// <summary>Run, FromResult and the typed rows, on a tiny experiment over the real Parkinson data.</summary>
public sealed class ResultTests
{
    private static readonly Lazy<(Type Type, string Yaml, string Path)> Tiny = new(CompileTiny);

    [Fact]
    public void The_result_records_have_the_documented_properties()
    {
        var type = Tiny.Value.Type;

        Properties(type, "SweepRow").ShouldBe(
        [
            "Alpha", "Seed", "Block", "Epochs", "Steps", "Succeeded", "Failure", "Mse", "Rmse", "Mae", "MseG0", "MseG1", "RmseG0",
            "RmseG1", "MaeG0", "MaeG1", "MseDisparity", "RmseDisparity", "MaeDisparity", "ZAccuracy", "AgeR2",
        ]);
        Properties(type, "BaselineRow").ShouldBe(
        [
            "Seed", "Epochs", "Steps", "Succeeded", "Failure", "Mse", "Rmse", "Mae", "MseG0", "MseG1", "RmseG0", "RmseG1", "MaeG0",
            "MaeG1", "MseDisparity", "RmseDisparity", "MaeDisparity", "AgeR2",
        ]);
        Properties(type, "ParetoRow").ShouldBe(["Alpha", "Seeds", "Mse", "Rmse", "Mae", "MseDisparity", "RmseDisparity", "MaeDisparity"]);
        Properties(type, "Results").ShouldBe(["Raw", "Baseline", "Sweep", "Pareto"]);
    }

    [Fact]
    public void Run_trains_with_the_generated_weighting_bit_identically_to_the_interpreted_runtime_path()
    {
        var (type, yaml, path) = Tiny.Value;
        var run = type.GetMethod("Run")!;

        var compiled = run.Invoke(null, [1, CancellationToken.None])!;

        var experiment = ExperimentYamlReader.Parse(yaml, path, Path.GetDirectoryName(path)!);
        var data = DataPreparation.Prepare(experiment);
        var interpreted = ExperimentRunner.Run(experiment, data, 1, null, 0d, CancellationToken.None);
        var raw = (ExperimentResult)Get(compiled, "Raw");
        raw.Sweep.Count.ShouldBe(2);
        raw.Sweep.ShouldAllBe(r => r.Succeeded);
        raw.Baseline.Select(r => r.Metrics).ShouldBe(interpreted.Baseline.Select(r => r.Metrics));
        raw.Sweep.Select(r => r.Metrics).ShouldBe(interpreted.Sweep.Select(r => r.Metrics));
        raw.Pareto.ShouldBe(interpreted.Pareto);
    }

    [Fact]
    public void FromResult_maps_every_run_and_gives_NaN_metrics_for_failed_runs()
    {
        var (type, yaml, path) = Tiny.Value;
        var experiment = ExperimentYamlReader.Parse(yaml, path, Path.GetDirectoryName(path)!);
        var raw = ExperimentRunner.Run(experiment, DataPreparation.Prepare(experiment), 2, null, 0d, CancellationToken.None);
        var failed = raw with { Sweep = [raw.Sweep[0], raw.Sweep[1] with { Metrics = null, Failure = "diverged" }] };

        var results = type.GetMethod("FromResult")!.Invoke(null, [failed])!;

        Get(results, "Raw").ShouldBeSameAs(failed);
        var sweep = ((System.Collections.IEnumerable)Get(results, "Sweep")).Cast<object>().ToArray();
        var baseline = ((System.Collections.IEnumerable)Get(results, "Baseline")).Cast<object>().Single();
        var pareto = ((System.Collections.IEnumerable)Get(results, "Pareto")).Cast<object>().ToArray();

        var ok = raw.Sweep[0];
        Get(sweep[0], "Alpha").ShouldBe(ok.Point!.Values[0]);
        Get(sweep[0], "Seed").ShouldBe(ok.Seed);
        Get(sweep[0], "Block").ShouldBe(ok.Block);
        Get(sweep[0], "Epochs").ShouldBe(ok.Epochs);
        Get(sweep[0], "Steps").ShouldBe(ok.Steps);
        Get(sweep[0], "Succeeded").ShouldBe(true);
        Get(sweep[0], "Mse").ShouldBe(ok.Metrics!.Errors.Overall.Mse);
        Get(sweep[0], "RmseG1").ShouldBe(ok.Metrics.Errors.Group1.Rmse);
        Get(sweep[0], "MaeDisparity").ShouldBe(ok.Metrics.Errors.Disparity(global::FairMtl.Spec.ErrorMetric.Mae));
        Get(sweep[0], "ZAccuracy").ShouldBe(ok.Metrics.Auxiliary.Single(m => m.Name == "z_accuracy").Value);
        Get(sweep[0], "AgeR2").ShouldBe(ok.Metrics.Auxiliary.Single(m => m.Name == "age_r2").Value);

        Get(sweep[1], "Alpha").ShouldBe(4d);
        Get(sweep[1], "Succeeded").ShouldBe(false);
        Get(sweep[1], "Failure").ShouldBe("diverged");
        foreach (var metric in new[] { "Mse", "Rmse", "Mae", "MseG0", "MaeG1", "RmseDisparity", "ZAccuracy", "AgeR2" })
        {
            double.IsNaN((double)Get(sweep[1], metric)).ShouldBeTrue(metric);
        }

        Get(baseline, "Mse").ShouldBe(raw.Baseline[0].Metrics!.Errors.Overall.Mse);
        Get(baseline, "AgeR2").ShouldBe(raw.Baseline[0].Metrics!.Auxiliary.Single(m => m.Name == "age_r2").Value);
        pareto.Length.ShouldBe(raw.Pareto.Count);
        Get(pareto[0], "Alpha").ShouldBe(raw.Pareto[0].Point.Values[0]);
        Get(pareto[0], "Seeds").ShouldBe(raw.Pareto[0].Seeds);
        Get(pareto[0], "RmseDisparity").ShouldBe(raw.Pareto[0].Disparity.Rmse);
    }

    private static (Type, string, string) CompileTiny()
    {
        // Real paths: Run loads the data file relative to SourceFile.
        var path = Path.Combine(GeneratorHarness.RepositoryRoot, "experiments", "tiny.yaml");
        var yaml = Experiments.Small
            .Replace("  z: { column: sex, task: binary }", "  z: { column: sex, task: binary }\n  age: { column: age, task: regression }", StringComparison.Ordinal)
            .Replace("  heads: [y]", "  heads: [y, age]", StringComparison.Ordinal)
            .Replace("loss: alpha * y + (5 - alpha) * z", "loss: alpha * y + (5 - alpha) * z + age / 10", StringComparison.Ordinal)
            .Replace("exclude: [motor_UPDRS, total_UPDRS, test_time, sex]", "exclude: [motor_UPDRS, total_UPDRS, test_time, sex, age]", StringComparison.Ordinal);
        var data = Path.Combine(GeneratorHarness.RepositoryRoot, Experiments.ParkinsonData);
        var run = GeneratorHarness.Run(
        [
            new InMemoryAdditionalText(path, yaml),
            new InMemoryAdditionalText(data, File.ReadAllText(data)),
        ]);
        run.DiagnosticLines.ShouldBeEmpty();
        run.OutputProblems.ShouldBeEmpty();
        var type = GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.Experiments.Small")!;
        ((CompiledExperiment)type.GetProperty("Compiled")!.GetValue(null)!).SourceFile.ShouldBe(path);
        return (type, yaml, path);
    }

    private static string[] Properties(Type type, string record) =>
        type.GetNestedType(record)!.GetConstructors().Single().GetParameters().Select(p => p.Name!).ToArray();

    private static object Get(object instance, string property) =>
        instance.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.GetValue(instance)!;
}
