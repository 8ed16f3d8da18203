extern alias Generators;

using FairMtl.Objectives.Weighting;
using Microsoft.CodeAnalysis.CSharp;
using GeneratorWeighting = Generators::FairMtl.Objectives.Weighting;
using TorchModelEmitter = Generators::FairMtl.Generators.Emit.TorchModelEmitter;
using YamlExperimentReader = Generators::FairMtl.Generators.Reading.YamlExperimentReader;

namespace FairMtl.Generators.Tests;

/// <summary>
/// The typed TorchSharp module of an experiment on the torch engine: generated only where the compilation references
/// FairMtl.Torch (here a stand-in for its base class: this project does not restore libtorch; tests/FairMtl.Torch.Tests
/// compiles and runs the real modules), never an error where it does not.
/// </summary>
public sealed class TorchModelTests
{
    /// <summary>A compilation that "references FairMtl.Torch": the type the generator looks for.</summary>
    private const string TorchStandIn = "namespace FairMtl.Torch.Modules { public abstract class TorchModel { } }";

    private const string HintName = "FairMtl.Generated.Experiments.Small.Torch.g.cs";

    /// <summary>Every layer the module can have: an embedded column, a batch-normalised trunk with dropout, a head with a
    /// hidden layer, a head the loss does not reference, and a loss that is not linear in the losses.</summary>
    private static readonly string Layers = OnTorch(Experiments.Small
        .Replace("    exclude: [motor_UPDRS, total_UPDRS, test_time, sex]\n", "    exclude: [motor_UPDRS, total_UPDRS, test_time, sex]\n  categorical: [subject#]\n  embeddings: { subject#: 3 }\n", StringComparison.Ordinal)
        .Replace("  trunk: [4]\n", "  trunk: [8, 4]\n  batch_norm: true\n  dropout: 0.25\n", StringComparison.Ordinal)
        .Replace("  y: { column: motor_UPDRS, task: regression }", "  y: { column: motor_UPDRS, task: regression, hidden: [3] }", StringComparison.Ordinal)
        .Replace("  z: { column: sex, task: binary }", "  z: { column: sex, task: binary }\n  u: { column: age, task: regression }", StringComparison.Ordinal)
        .Replace("loss: alpha * y + (5 - alpha) * z", "loss: alpha * y + (5 - alpha) * sqrt(z)", StringComparison.Ordinal));

    private static string OnTorch(string yaml)
    {
        var edited = yaml.Replace("training:\n", "training:\n  engine: torch\n", StringComparison.Ordinal);
        edited.ShouldNotBe(yaml);
        return edited;
    }

    [Fact]
    public void The_module_of_an_experiment_with_every_layer_matches_the_approved_snapshot()
    {
        Layers.ShouldContain("embeddings: { subject#: 3 }");
        Layers.ShouldContain("hidden: [3]");
        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/layers.yaml", Layers), GeneratorHarness.RepoFile(Experiments.ParkinsonData)], TorchStandIn);

        run.DiagnosticLines.ShouldBeEmpty();
        ApprovedSnapshot.Match(run.Source(HintName), "layers");
        ApprovedSnapshot.Match(run.Source("FairMtl.Generated.TorchModelRegistration.g.cs"), "registration");
    }

    [Fact]
    public void The_module_of_the_repository_torch_experiment_matches_the_approved_snapshot()
    {
        var run = GeneratorHarness.Run(
            [GeneratorHarness.RepoFile("experiments/torch/parkinson.yaml"), GeneratorHarness.RepoFile(Experiments.ParkinsonData)], TorchStandIn);

        run.DiagnosticLines.ShouldBeEmpty();
        run.HintNames.Order(StringComparer.Ordinal).ShouldBe(
        [
            "FairMtl.Generated.ExperimentRegistry.g.cs",
            "FairMtl.Generated.Experiments.ParkinsonTorch.Torch.g.cs",
            "FairMtl.Generated.Experiments.ParkinsonTorch.g.cs",
            "FairMtl.Generated.TorchModelRegistration.g.cs",
        ]);
        ApprovedSnapshot.Match(run.Source("FairMtl.Generated.Experiments.ParkinsonTorch.Torch.g.cs"), "parkinson-torch");
    }

    [Fact]
    public void The_excerpt_in_docs_generator_md_is_the_generated_module_line_for_line()
    {
        var run = GeneratorHarness.Run(
            [GeneratorHarness.RepoFile("experiments/torch/parkinson.yaml"), GeneratorHarness.RepoFile(Experiments.ParkinsonData)], TorchStandIn);
        GeneratorHarness.ShouldContainDocsExcerpt(run.Source("FairMtl.Generated.Experiments.ParkinsonTorch.Torch.g.cs"), "generated-torch-module");
    }

    [Fact]
    public void Without_FairMtl_Torch_a_torch_experiment_gets_no_module_and_no_diagnostic_and_compiles()
    {
        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/layers.yaml", Layers), GeneratorHarness.RepoFile(Experiments.ParkinsonData)]);

        run.DiagnosticLines.ShouldBeEmpty();
        run.HintNames.Order(StringComparer.Ordinal).ShouldBe(["FairMtl.Generated.ExperimentRegistry.g.cs", "FairMtl.Generated.Experiments.Small.g.cs"]);
        run.OutputProblems.Select(d => d.ToString()).ShouldBeEmpty();
    }

    [Fact]
    public void A_native_experiment_gets_no_module_even_where_FairMtl_Torch_is_referenced()
    {
        var run = GeneratorHarness.Run(Experiments.All(), TorchStandIn);

        run.DiagnosticLines.ShouldBeEmpty();
        run.HintNames.ShouldNotContain(name => name.Contains("Torch", StringComparison.Ordinal));
    }

    [Fact]
    public void An_attribute_declared_torch_experiment_gets_its_module_next_to_its_class()
    {
        var source = GeneratorHarness.ReadRepoFile("experiments/torch/BostonTorch.cs");

        var native = Attributes.AttributeHarness.Run(source, "experiments/torch/BostonTorch.cs", GeneratorHarness.RepoFile(Experiments.BostonData));
        var input = native.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText(TorchStandIn, GeneratorHarness.ParseOptions));
        var driver = native.Driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        var run = new GeneratorRun(driver, input, output, diagnostics);

        run.DiagnosticLines.ShouldBeEmpty();
        var module = run.Source("FairMtl.Experiments.Torch.BostonTorch.Torch.g.cs");
        module.ShouldContain("namespace FairMtl.Experiments.Torch;");
        module.ShouldContain("public sealed class BostonTorchTorchModel : global::FairMtl.Torch.Modules.TorchModel, global::FairMtl.Torch.Training.ITorchLossWeighting");
        module.ShouldContain("global::FairMtl.Torch.Modules.TorchModelLayout.Check(network, global::FairMtl.Experiments.Torch.BostonTorch.Spec);");
        module.ShouldContain("return global::FairMtl.Torch.Modules.TorchScalars.Sum(global::FairMtl.Torch.Modules.TorchScalars.Of(alpha) * y, global::FairMtl.Torch.Modules.TorchScalars.Of(5d - alpha) * z);");
        run.Source("FairMtl.Generated.TorchModelRegistration.g.cs")
            .ShouldContain("global::FairMtl.Torch.Modules.TorchModels.Register(\"boston-torch\", global::FairMtl.Experiments.Torch.BostonTorchTorchModel.Create);");
    }

    [Fact]
    public void A_loss_without_a_tensor_form_leaves_the_weighting_to_the_engine()
    {
        var model = YamlExperimentReader.Read(GeneratorHarness.Text("experiments/layers.yaml", Layers), CancellationToken.None);
        GeneratorWeighting.WeightingNode y = new GeneratorWeighting.WeightingName("y");
        GeneratorWeighting.WeightingNode z = new GeneratorWeighting.WeightingName("z");

        // y + (y >= z ? y : z): a conditional over the losses (only derivatives have them; it has no tensor form).
        var conditional = new GeneratorWeighting.WeightingExpression(
            new GeneratorWeighting.WeightingBinary(GeneratorWeighting.WeightingOperator.Add, y, new GeneratorWeighting.WeightingConditional(y, z, y, z)));
        var withoutTensorForm = TorchModelEmitter.Emit(model, conditional);
        var withTensorForm = TorchModelEmitter.Emit(model, GeneratorWeighting.WeightingExpression.Parse(model.Spec!.Loss));

        withoutTensorForm.ShouldNotContain("ITorchLossWeighting");
        withoutTensorForm.ShouldNotContain("Combine(");
        withoutTensorForm.ShouldContain("(its loss has no tensor form: the engine weights the losses)");
        withTensorForm.ShouldContain("ITorchLossWeighting");
        withTensorForm.ShouldContain("return global::FairMtl.Torch.Modules.TorchScalars.Sum(global::FairMtl.Torch.Modules.TorchScalars.Sum(global::FairMtl.Torch.Modules.TorchScalars.Of(alpha) * y, global::FairMtl.Torch.Modules.TorchScalars.Of(5d - alpha) * global::TorchSharp.torch.sqrt(z)), global::FairMtl.Torch.Modules.TorchScalars.Of(0d) * u);");
    }

    [Theory]
    [InlineData("alpha * y + (5 - alpha) * z", "global::FairMtl.Torch.Modules.TorchScalars.Sum(global::FairMtl.Torch.Modules.TorchScalars.Of(alpha) * y, global::FairMtl.Torch.Modules.TorchScalars.Of(5d - alpha) * z)")]
    [InlineData("-y / (1 + alpha) - 2 * alpha * z", "global::FairMtl.Torch.Modules.TorchScalars.Difference(-y / global::FairMtl.Torch.Modules.TorchScalars.Of(1d + alpha), global::FairMtl.Torch.Modules.TorchScalars.Of(2d * alpha) * z)")]
    [InlineData("abs(y - z) + exp(-y) + log(z) + sqrt(y)", "global::FairMtl.Torch.Modules.TorchScalars.Sum(global::FairMtl.Torch.Modules.TorchScalars.Sum(global::FairMtl.Torch.Modules.TorchScalars.Sum(global::TorchSharp.torch.abs(global::FairMtl.Torch.Modules.TorchScalars.Difference(y, z)), global::TorchSharp.torch.exp(-y)), global::TorchSharp.torch.log(z)), global::TorchSharp.torch.sqrt(y))")]
    [InlineData("max(y, z) + min(y, z)", "global::FairMtl.Torch.Modules.TorchScalars.Sum(global::TorchSharp.torch.maximum(y, z), global::TorchSharp.torch.minimum(y, z))")]
    [InlineData("max(alpha, y) + min(z, 2)", "global::FairMtl.Torch.Modules.TorchScalars.Sum(global::TorchSharp.torch.clamp_min(y, global::FairMtl.Torch.Modules.TorchScalars.Of(alpha)), global::TorchSharp.torch.clamp_max(z, global::FairMtl.Torch.Modules.TorchScalars.Of(2d)))")]
    [InlineData("max(alpha, 1) * y + sqrt(alpha) * z", "global::FairMtl.Torch.Modules.TorchScalars.Sum(global::FairMtl.Torch.Modules.TorchScalars.Of(System.Math.Max(alpha, 1d)) * y, global::FairMtl.Torch.Modules.TorchScalars.Of(System.Math.Sqrt(alpha)) * z)")]
    public void The_tensor_form_keeps_number_arithmetic_in_double_and_maps_functions_of_tensors_to_torch(string loss, string tensorForm)
    {
        var expression = WeightingExpression.Parse(loss);

        expression.ToTensorCSharp(name => name, name => name is "y" or "z").ShouldBe(tensorForm);
        expression.ToCSharp(name => name).ShouldNotContain("TorchSharp");
    }

    [Fact]
    public void A_conditional_over_tensors_has_no_tensor_form_and_one_over_numbers_stays_double()
    {
        WeightingNode alpha = new WeightingName("alpha");
        WeightingNode y = new WeightingName("y");
        var overTensors = new WeightingExpression(new WeightingConditional(y, alpha, y, alpha));
        var overNumbers = new WeightingExpression(new WeightingBinary(WeightingOperator.Multiply, new WeightingConditional(alpha, new WeightingNumber(1), alpha, new WeightingNumber(1)), y));

        overTensors.ToTensorCSharp(name => name, name => name == "y").ShouldBeNull();
        overNumbers.ToTensorCSharp(name => name, name => name == "y").ShouldBe("global::FairMtl.Torch.Modules.TorchScalars.Of(alpha >= 1d ? alpha : 1d) * y");
    }

    [Fact]
    public void The_registry_namespace_is_the_projects_FairMtlRegistryNamespace_and_FairMtl_Generated_by_default()
    {
        var properties = new Dictionary<string, string> { ["FairMtlRegistryNamespace"] = "FairMtl.Generated.Torch" };

        var named = GeneratorHarness.Run(Experiments.All(), properties);
        var registry = GeneratorHarness.Load(named.Output).GetType("FairMtl.Generated.Torch.ExperimentRegistry");

        named.OutputProblems.ShouldBeEmpty();
        registry.ShouldNotBeNull();
        named.Source("FairMtl.Generated.ExperimentRegistry.g.cs").ShouldContain("namespace FairMtl.Generated.Torch;");
        GeneratorHarness.Run(Experiments.All()).Source("FairMtl.Generated.ExperimentRegistry.g.cs").ShouldContain("namespace FairMtl.Generated;");
    }
}
