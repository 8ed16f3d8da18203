extern alias Generators;

using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using Microsoft.CodeAnalysis;
using GeneratorSpec = Generators::FairMtl.Spec;
using GeneratorYamlReader = Generators::FairMtl.Spec.Yaml.ExperimentYamlReader;
using TargetType = Generators::FairMtl.Generators.Model.TargetType;
using TrackingNames = Generators::FairMtl.Generators.TrackingNames;

namespace FairMtl.Generators.Tests.Attributes;

/// <summary><c>experiments/BostonAttr.cs</c> is <c>experiments/boston.yaml</c> declared with attributes.</summary>
public sealed class BostonAttrTests
{
    private const string HintName = "FairMtl.Experiments.BostonAttr.g.cs";

    private static readonly string Source = GeneratorHarness.ReadRepoFile(AttributeHarness.BostonAttr);

    [Fact]
    public void The_attributes_lower_to_the_spec_the_yaml_reader_makes_of_boston_yaml()
    {
        var yaml = GeneratorYamlReader.Parse(GeneratorHarness.ReadRepoFile(Experiments.BostonYaml), "boston.yaml", "/repo/experiments").Spec;

        var model = AttributeHarness.Read(Source, AttributeHarness.BostonAttr);

        model.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        model.Name.ShouldBe("boston-attr");
        var spec = model.Spec.ShouldNotBeNull();
        spec.Name.ShouldBe("boston-attr");
        spec.Description.ShouldStartWith("Boston Housing (Pires et al.), declared with attributes");
        (spec with { Name = yaml.Name, Description = yaml.Description }).ShouldBe(yaml);
    }

    [Fact]
    public void The_model_names_the_users_class_the_data_file_and_where_the_name_is()
    {
        var model = AttributeHarness.Read(Source, AttributeHarness.BostonAttr);

        model.Type.ShouldBe(new TargetType("FairMtl.Experiments", "BostonAttr", IsUserClass: true, IsStatic: false, GeneratorSpec.EquatableArray<string>.Empty));
        model.SourceFile.ShouldBe(GeneratorHarness.Root + AttributeHarness.BostonAttr);
        model.DataFile.ShouldBe(GeneratorHarness.Root + Experiments.BostonData);
        model.Spec!.Data.Format.ShouldBe(GeneratorSpec.DataFormat.Whitespace);
        Position(model.NameLocation).ShouldBe(SourcePosition.Of(Source, "[Experiment(", "\"boston-attr\""));
    }

    [Fact]
    public void Every_column_reference_points_at_the_attribute_argument_that_names_it()
    {
        var model = AttributeHarness.Read(Source, AttributeHarness.BostonAttr);

        model.Columns.Select(c => (c.Path, c.Column, Position(c.Location))).ShouldBe(
        [
            ("data.features.exclude[0]", "MEDV", SourcePosition.Of(Source, "Exclude = ", "\"MEDV\"")),
            ("data.features.exclude[1]", "B", SourcePosition.Of(Source, "Exclude = ", "\"B\"")),
            ("heads.y.column", "MEDV", SourcePosition.Of(Source, "[Head(\"y\"", "\"MEDV\"")),
            ("heads.z.column", "B", SourcePosition.Of(Source, "[Head(\"z\"", "\"B\"")),
            ("data.groups.column", "B", SourcePosition.Of(Source, "[Groups(", "\"B\"")),
        ]);
    }

    [Fact]
    public void The_generated_spec_equals_the_runtime_readers_spec_of_boston_yaml_but_for_name_and_description()
    {
        var run = AttributeHarness.Run(Source, AttributeHarness.BostonAttr, GeneratorHarness.RepoFile(Experiments.BostonData));
        run.DiagnosticLines.ShouldBeEmpty();
        run.OutputProblems.Select(d => d.ToString()).ShouldBeEmpty();
        var type = GeneratorHarness.Load(run.Output).GetType("FairMtl.Experiments.BostonAttr")!;

        var compiled = (ExperimentSpec)type.GetProperty("Spec")!.GetValue(null)!;

        var yaml = ExperimentYamlReader.Load(Path.Combine(GeneratorHarness.RepositoryRoot, Experiments.BostonYaml)).Spec;
        compiled.Name.ShouldBe("boston-attr");
        (compiled with { Name = yaml.Name, Description = yaml.Description }).ShouldBe(yaml);
        type.GetField("Name")!.GetValue(null).ShouldBe("boston-attr");
    }

    [Fact]
    public void The_generated_source_matches_the_approved_snapshot()
    {
        var run = AttributeHarness.Run(Source, AttributeHarness.BostonAttr, GeneratorHarness.RepoFile(Experiments.BostonData));

        ApprovedSnapshot.Match(run.Source(HintName), "generated-source");
    }

    [Fact]
    public void The_synthesized_yaml_matches_the_approved_snapshot()
    {
        ApprovedSnapshot.Match(AttributeHarness.Lower(Source, AttributeHarness.BostonAttr, "alpha", "y", "z"), "synthesized-yaml");
    }

    [Fact]
    public void An_edit_that_moves_no_declaration_is_served_from_the_cache()
    {
        var run = AttributeHarness.Run(Source, AttributeHarness.BostonAttr, GeneratorHarness.RepoFile(Experiments.BostonData));
        var tree = run.Input.SyntaxTrees.Single();
        var edited = run.Input.ReplaceSyntaxTree(
            tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Source + "\n// a comment after the class\n")));

        var rerun = run.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The edited file is read again and gives an equal model, so nothing downstream runs.
        rerun.TrackedSteps[TrackingNames.AttributeExperiments].SelectMany(step => step.Outputs).Select(output => output.Reason)
            .ShouldBe([IncrementalStepRunReason.Unchanged]);
        var outputs = rerun.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).ToArray();
        outputs.ShouldNotBeEmpty();
        outputs.ShouldAllBe(output => output.Reason == IncrementalStepRunReason.Cached);
    }

    private static (int Line, int Column) Position(Generators::FairMtl.Generators.Model.DiagnosticLocation location) =>
        (location.StartLine + 1, location.StartColumn + 1);
}
