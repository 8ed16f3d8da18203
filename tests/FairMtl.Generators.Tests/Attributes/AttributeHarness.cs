extern alias Generators;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using AttributeExperimentReader = Generators::FairMtl.Generators.Attributes.AttributeExperimentReader;
using ExperimentGenerator = Generators::FairMtl.Generators.ExperimentGenerator;
using AttributeLowering = Generators::FairMtl.Generators.Attributes.AttributeLowering;
using DeclaredAttributes = Generators::FairMtl.Generators.Attributes.DeclaredAttributes;
using DiagnosticLocation = Generators::FairMtl.Generators.Model.DiagnosticLocation;
using ExperimentModel = Generators::FairMtl.Generators.Model.ExperimentModel;
using LossMethodReader = Generators::FairMtl.Generators.Attributes.LossMethodReader;

namespace FairMtl.Generators.Tests.Attributes;

/// <summary>
/// Runs attribute-declared experiments through the generator (<see cref="GeneratorHarness"/>'s references and paths),
/// with the declaring file at a chosen path so that its data file resolves like in the repository.
/// </summary>
internal static class AttributeHarness
{
    public const string BostonAttr = "experiments/BostonAttr.cs";

    /// <summary>The full generator on one C# file at <paramref name="path"/> (under <see cref="GeneratorHarness.Root"/>).</summary>
    public static GeneratorRun Run(string source, string path, params AdditionalText[] additionalTexts)
    {
        var input = Compilation(source, path);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new ExperimentGenerator().AsSourceGenerator()],
            additionalTexts: additionalTexts,
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        return new GeneratorRun(driver, input, output, diagnostics);
    }

    /// <summary>The spec of the one comparison the generator registers for <paramref name="source"/> (built clean).</summary>
    public static FairMtl.Spec.ComparisonSpec CompiledComparison(string source, string path, params AdditionalText[] additionalTexts)
    {
        var run = Run(source, path, additionalTexts);
        run.DiagnosticLines.ShouldBeEmpty();
        var registry = GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.ExperimentRegistry")!;
        return ((IReadOnlyList<FairMtl.Compiled.CompiledComparison>)registry.GetProperty("Comparisons")!.GetValue(null)!).ShouldHaveSingleItem().Load().Spec;
    }

    /// <summary>Asserts that <paramref name="source"/> builds with exactly one error <paramref name="id"/>, in
    /// <paramref name="path"/> at <paramref name="target"/> after <paramref name="anchor"/>, whose message contains
    /// <paramref name="message"/>.</summary>
    public static void ShouldReportErrorAt(string source, string path, AdditionalText data, string anchor, string target, string id, string message)
    {
        var run = Run(source, path, data);
        var diagnostic = run.Diagnostics.Where(d => d.Id == id).ShouldHaveSingleItem(string.Join("\n", run.DiagnosticLines));
        var span = diagnostic.Location.GetLineSpan();
        span.Path.ShouldBe(GeneratorHarness.Root + path);
        (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1).ShouldBe(SourcePosition.Of(source, anchor, target), GeneratorRun.Format(diagnostic));
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(message);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
    }

    /// <summary>What <see cref="AttributeExperimentReader.Read"/> makes of the one [Experiment] class in the file.</summary>
    internal static ExperimentModel Read(string source, string path = "experiments/Declared.cs")
    {
        var capture = new ModelCapture();
        CSharpGeneratorDriver.Create(
                generators: [capture.AsSourceGenerator()],
                parseOptions: GeneratorHarness.ParseOptions)
            .RunGenerators(Compilation(source, path));
        return capture.Models.ShouldHaveSingleItem();
    }

    /// <summary>
    /// The YAML text the attributes of the one [Experiment] class in <paramref name="source"/> (at
    /// <paramref name="path"/>) lower to; <paramref name="lossParameters"/> are its sweep variables, then its heads.
    /// </summary>
    public static string Lower(string source, string path, params string[] lossParameters)
    {
        var compilation = Compilation(source, path);
        var type = compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>()
            .Single(symbol => symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "ExperimentAttribute"));
        var declaration = (ClassDeclarationSyntax)type.DeclaringSyntaxReferences.Single().GetSyntax();
        var classLocation = DiagnosticLocation.FromRoslyn(declaration.Identifier.GetLocation());
        var attributes = DeclaredAttributes.Read(type, classLocation, CancellationToken.None);
        var loss = LossMethodReader.Read(type, lossParameters, classLocation, CancellationToken.None);
        return AttributeLowering.Lower(attributes, loss.Text, loss, classLocation, out _).Text;
    }

    /// <summary>The C# compiler's own errors (the declarations the tests break must stay valid C#).</summary>
    public static IEnumerable<Diagnostic> CompilerErrors(string source, string path = "experiments/Declared.cs") =>
        Compilation(source, path).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>
    /// The harness's references without the generator assembly, which the test host also loads: its shared copy of
    /// the spec enums would make <c>DataFormat</c> ambiguous in attribute arguments (CS0433).
    /// </summary>
    public static readonly MetadataReference[] References = GeneratorHarness.References
        .Where(reference => reference is not PortableExecutableReference { FilePath: { } file }
            || !string.Equals(Path.GetFileName(file), "FairMtl.Generators.dll", StringComparison.OrdinalIgnoreCase))
        .ToArray();

    private static CSharpCompilation Compilation(string source, string path) =>
        CSharpCompilation.Create(
            "Declared" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: GeneratorHarness.Root + path)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private sealed class ModelCapture : IIncrementalGenerator
    {
        public List<ExperimentModel> Models { get; } = [];

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider.ForAttributeWithMetadataName(
                ExperimentGenerator.ExperimentAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                AttributeExperimentReader.Read);
            context.RegisterSourceOutput(models, (_, model) => Models.Add(model));
        }
    }
}
