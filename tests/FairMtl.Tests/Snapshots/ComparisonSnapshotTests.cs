using FairMtl.Comparisons;
using FairMtl.FairMt;
using FairMtl.MultiTask;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Snapshots;

/// <summary>
/// Every comparison experiment in <c>experiments/</c> (the Adult, COMPAS and Bank tables; the MTA-F experiments) at a
/// reduced scale: one repetition, two epochs (one for the multi-task sweeps), the front at its first and last lambda,
/// two sweep settings (FairMT: the first and last lambda and epsilon). The tables must match the approved snapshot; a new comparison file gets its case automatically.
/// </summary>
public class ComparisonSnapshotTests
{
    public static TheoryData<string> Comparisons() => new(ComparisonFiles().Select(Path.GetFileNameWithoutExtension)!);

    /// <summary>The comparison experiment files of the repository.</summary>
    public static string[] ComparisonFiles() =>
        Directory.GetFiles(TestExperiments.ExperimentsDirectory, "*.yaml")
            .Where(file => ComparisonYamlReader.Declares(File.ReadAllText(file)))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The experiment with the reduced scale of the snapshot.</summary>
    public static LoadedComparison Reduced(string name)
    {
        var file = Path.Combine(TestExperiments.ExperimentsDirectory, name + ".yaml");
        var loaded = ComparisonYamlReader.Parse(File.ReadAllText(file), file, TestExperiments.ExperimentsDirectory);
        ComparisonSpec reduced = loaded.Spec switch
        {
            FairMtSpec fairMt => fairMt with
            {
                Training = fairMt.Training with { Epochs = 2 },
                Sweep = new ConstraintSweepSpec(Ends(fairMt.Sweep.Lambdas), Ends(fairMt.Sweep.Epsilons)),
            },
            MultiTaskSpec multiTask => multiTask with
            {
                Training = multiTask.Training with { Epochs = 1 },
                Sweep = multiTask.Sweep with { Runs = Math.Min(multiTask.Sweep.Runs, 2), Conditional = multiTask.Sweep.Conditional is { } c ? c with { Epochs = 2, Grid = Math.Min(c.Grid, 3) } : null },
            },
            MethodComparisonSpec methods => methods with
            {
                Training = methods.Training with { Epochs = 2 },
                Front = methods.Front with
                {
                    Lambdas = Ends(methods.Front.Lambdas),
                    Conditional = methods.Front.Conditional is { } c ? c with { Epochs = 2 } : null,
                },
            },
            var other => other,
        };
        return loaded with { Spec = reduced with { Protocol = reduced.Protocol with { Repetitions = 1 } } };
    }

    /// <summary>The first and last of a sweep's values (all of them when fewer than three).</summary>
    private static EquatableArray<double> Ends(EquatableArray<double> values) =>
        values.Count < 3 ? values : new[] { values[0], values[^1] };

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void Comparison_tables_match_the_approved_snapshot(string experiment)
    {
        var reduced = Reduced(experiment);
        if (reduced.Spec is FairMtSpec)
        {
            var fairMt = FairMtRunner.Run(reduced, Environment.ProcessorCount, null, CancellationToken.None);
            fairMt.Runs.ShouldAllBe(run => run.Failure == null);
            ApprovedSnapshot.Match(ResultSnapshot.Render(fairMt), experiment);
            return;
        }

        if (reduced.Spec is MultiTaskSpec)
        {
            var multi = MultiTaskRunner.Run(reduced, Environment.ProcessorCount, null, CancellationToken.None);
            multi.Runs.Concat(multi.References).ShouldAllBe(run => run.Failure == null);
            multi.Selected.ShouldAllBe(index => index >= 0);
            ApprovedSnapshot.Match(ResultSnapshot.Render(multi), experiment);
            return;
        }

        var result = ComparisonRunner.Run(reduced, Environment.ProcessorCount, null, CancellationToken.None);
        result.Runs.ShouldAllBe(run => run.Failure == null);
        ApprovedSnapshot.Match(ResultSnapshot.Render(result), experiment);
    }
}
