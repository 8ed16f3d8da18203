extern alias Generators;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrackingNames = Generators::FairMtl.Generators.TrackingNames;

namespace FairMtl.Generators.Tests;

public sealed class CachingTests
{
    private static readonly IncrementalStepRunReason[] Reused = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void An_unrelated_edit_serves_every_tracked_step_from_the_cache()
    {
        var first = GeneratorHarness.Run(Experiments.All(), GeneratorHarness.ReadRepoFile("experiments/BostonAttr.cs"));
        var unrelated = CSharpSyntaxTree.ParseText("public static class Unrelated { }", GeneratorHarness.ParseOptions);

        var second = first.Driver.RunGenerators(first.Input.AddSyntaxTrees(unrelated)).GetRunResult().Results.Single();

        foreach (var name in TrackingNames.All)
        {
            second.TrackedSteps.ShouldContainKey(name);
        }

        foreach (var (name, steps) in second.TrackedSteps.Where(step => TrackingNames.All.Contains(step.Key)))
        {
            foreach (var output in steps.SelectMany(step => step.Outputs))
            {
                Reused.ShouldContain(output.Reason, $"step {name}");
            }
        }

        second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs)
            .ShouldAllBe(output => output.Reason == IncrementalStepRunReason.Cached || output.Reason == IncrementalStepRunReason.Unchanged);
        first.Diagnostics.ShouldBeEmpty();
        second.GeneratedSources.Select(source => source.HintName).Order(StringComparer.Ordinal).ShouldBe(
        [
            "FairMtl.Experiments.BostonAttr.g.cs",
            "FairMtl.Generated.ExperimentRegistry.g.cs",
            "FairMtl.Generated.Experiments.Boston.g.cs",
            "FairMtl.Generated.Experiments.Parkinson.g.cs",
        ]);
    }

    [Fact]
    public void Editing_one_experiment_regenerates_only_that_experiment()
    {
        var texts = Experiments.All();
        var first = GeneratorHarness.Run(texts);
        var boston = texts.Single(text => text.Path.EndsWith("boston.yaml", StringComparison.Ordinal));
        var edited = GeneratorHarness.Text(
            Experiments.BostonYaml, GeneratorHarness.ReadRepoFile(Experiments.BostonYaml).Replace("batch_size: 32", "batch_size: 16", StringComparison.Ordinal));

        var second = first.Driver.ReplaceAdditionalText(boston, edited).RunGenerators(first.Input).GetRunResult().Results.Single();

        var experiments = second.TrackedSteps[TrackingNames.Experiment].SelectMany(step => step.Outputs).ToArray();
        experiments.Count(output => output.Reason == IncrementalStepRunReason.Modified).ShouldBe(1);
        experiments.Count(output => Reused.Contains(output.Reason)).ShouldBe(1);
        second.TrackedSteps[TrackingNames.DataHeaders].SelectMany(step => step.Outputs).ShouldAllBe(output => Reused.Contains(output.Reason));
        second.GeneratedSources.Single(source => source.HintName == "FairMtl.Generated.Experiments.Boston.g.cs")
            .SourceText.ToString().ShouldContain("BatchSize: 16");
    }
}
