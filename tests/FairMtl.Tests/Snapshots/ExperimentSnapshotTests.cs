using FairMtl.Data;
using FairMtl.Spec;
using FairMtl.Generated;
using FairMtl.Reports;
using FairMtl.Sweeps;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Snapshots;

/// <summary>
/// Every experiment of the generated registry (each YAML file in <c>experiments/</c> and each attribute-declared class)
/// is run at paper scale and its baseline, sweep and Pareto tables are compared with the approved snapshot. A new
/// experiment gets its test case automatically; it fails until its snapshot is reviewed and accepted.
/// </summary>
public class ExperimentSnapshotTests
{
    public static TheoryData<string> Experiments() => new(ExperimentRegistry.All.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Result_tables_match_the_approved_snapshot(string experiment)
    {
        var compiled = ExperimentRegistry.Find(experiment)!;
        var loaded = Reduced(compiled.Load());
        var result = ExperimentRunner.Run(
            loaded, DataPreparation.Prepare(loaded), Environment.ProcessorCount, null, 0, CancellationToken.None, compiled.Weighting);
        ApprovedSnapshot.Match(ResultSnapshot.Render(result), experiment);
    }

    /// <summary>
    /// Single-seed experiments run at paper scale; multi-seed ones (the 10-seed variants) with every tenth sweep value,
    /// all seeds and full training, which keeps their seed statistics, paired tests and front frequencies in the
    /// snapshot at a tenth of the cost. A conditional sweep keeps its points (its models train over their range) and
    /// is scored on a grid of 11 values instead of its declared one.
    /// </summary>
    private static LoadedExperiment Reduced(LoadedExperiment loaded)
    {
        var sweep = loaded.Spec.Sweep;
        if (sweep.Conditional is { } conditional)
        {
            return loaded with { Spec = loaded.Spec with { Sweep = sweep with { Conditional = conditional with { Grid = 11 } } } };
        }

        if (sweep.Seeds.Count <= 1)
        {
            return loaded;
        }

        var variables = sweep.Variables
            .Select(variable => variable with { Values = variable.Values.Where((_, i) => i % 10 == 0).ToArray() })
            .ToArray();
        return loaded with { Spec = loaded.Spec with { Sweep = sweep with { Variables = variables } } };
    }

    [Fact]
    public void Every_regression_yaml_file_in_the_experiments_folder_is_in_the_registry()
    {
        var files = Directory.GetFiles(TestExperiments.ExperimentsDirectory, "*.yaml")
            .Except(ComparisonSnapshotTests.ComparisonFiles())
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal);
        var registered = ExperimentRegistry.All.Select(e => Path.GetFullPath(e.SourceFile)).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal));
        registered.Order(StringComparer.Ordinal).ShouldBe(files);
    }
}
