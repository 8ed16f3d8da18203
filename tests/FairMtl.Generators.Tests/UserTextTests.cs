extern alias Generators;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FairMtl.Generators.Tests;

/// <summary>
/// User text never becomes code: the loss is a closed grammar (text that would be C# is FMTL005, in the generator as at
/// run time), and free text such as the description reaches the generated source only inside escaped string literals.
/// </summary>
public sealed class UserTextTests
{
    private const string Injection = "y; System.IO.File.Delete(\"x\")";

    [Fact]
    public void A_loss_that_would_be_csharp_is_FMTL005_in_the_generator()
    {
        var run = GeneratorHarness.Run(DiagnosticTests.Small("loss: alpha * y + (5 - alpha) * z", "loss: " + Injection));

        run.Diagnostics.Select(d => d.Id).ShouldBe(["FMTL005"]);
        run.DiagnosticLines.Single().ShouldStartWith("FMTL005 experiments/small.yaml(13,8): ");
        run.HintNames.ShouldNotContain("FairMtl.Generated.Experiments.Small.g.cs");
    }

    [Fact]
    public void A_loss_that_would_be_csharp_is_FMTL005_at_run_time()
    {
        var error = Should.Throw<FairMtl.Diagnostics.FairMtlException>(() => FairMtl.Spec.Yaml.ExperimentYamlReader.Parse(
            Experiments.Small.Replace("loss: alpha * y + (5 - alpha) * z", "loss: " + Injection, StringComparison.Ordinal), "small.yaml", "/base"));

        error.Code.ShouldBe("FMTL005");
        error.Message.ShouldStartWith("small.yaml(13,8): error FMTL005: ");
    }

    [Theory]
    [InlineData("\"; System.IO.File.Delete(\"x\"); //")]
    [InlineData("*/ System.IO.File.Delete(\"x\"); /*")]
    [InlineData("\\\"); System.IO.File.Delete(\"x\"); (\"")]
    [InlineData("line one\n#error injected\r\nSystem.IO.File.Delete(\"x\");\u2028}")]
    public void Free_text_reaches_the_generated_source_only_inside_string_literals(string description)
    {
        var quoted = description.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\u2028", "\\L");
        var run = GeneratorHarness.Run(DiagnosticTests.Small("name: small", "name: small\ndescription: \"" + quoted + "\""));

        run.Diagnostics.ShouldBeEmpty();
        run.OutputProblems.ShouldBeEmpty();
        var source = run.Source("FairMtl.Generated.Experiments.Small.g.cs");
        var tree = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions);
        tree.GetDiagnostics().ShouldBeEmpty();
        var root = tree.GetRoot();
        root.DescendantTokens().ShouldNotContain(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "Delete");
        root.DescendantTrivia().ShouldNotContain(trivia => trivia.ToString().Contains("Delete", StringComparison.Ordinal));
        root.DescendantTokens().ShouldContain(token => token.IsKind(SyntaxKind.StringLiteralToken) && token.ValueText == description);
    }
}
