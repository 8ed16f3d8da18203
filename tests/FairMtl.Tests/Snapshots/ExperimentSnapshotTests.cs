using FairMtl.Data;
using FairMtl.Reports;
using FairMtl.Spec.Yaml;
using FairMtl.Sweeps;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Snapshots;

/// <summary>
/// Every experiment in <c>experiments/</c> is run at paper scale and its baseline, sweep and Pareto tables are compared
/// with the approved snapshot. A new experiment file gets its test case automatically; it fails until its snapshot
/// is reviewed and accepted.
/// </summary>
public class ExperimentSnapshotTests
{
    public static TheoryData<string> Experiments() => new(ExperimentNames());

    private static string[] ExperimentNames() =>
        Directory.GetFiles(TestExperiments.ExperimentsDirectory, "*.yaml")
            .Select(file => Path.GetFileNameWithoutExtension(file))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Result_tables_match_the_approved_snapshot(string experiment)
    {
        var loaded = ExperimentYamlReader.Load(Path.Combine(TestExperiments.ExperimentsDirectory, experiment + ".yaml"));
        var result = ExperimentRunner.Run(loaded, DataPreparation.Prepare(loaded), Environment.ProcessorCount, null, 0, CancellationToken.None);
        ApprovedSnapshot.Match(ResultSnapshot.Render(result), experiment);
    }

    [Fact]
    public void Every_experiment_is_discovered()
    {
        ExperimentNames().ShouldBe(["boston", "parkinson"]);
    }
}
