extern alias Generators;

using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ExperimentGenerator = Generators::FairMtl.Generators.ExperimentGenerator;

namespace FairMtl.Generators.Tests;

/// <summary>
/// Runs the generator in memory with CSharpGeneratorDriver. Repository files are presented under the virtual root
/// <see cref="Root"/>, so generated paths and diagnostics do not depend on where the repository is checked out.
/// </summary>
internal static class GeneratorHarness
{
    public const string Root = "/repo/";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>A repository file (e.g. <c>experiments/boston.yaml</c>) at its virtual path.</summary>
    public static AdditionalText RepoFile(string relativePath) =>
        new InMemoryAdditionalText(Root + relativePath, ReadRepoFile(relativePath));

    public static string ReadRepoFile(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

    /// <summary>
    /// Asserts that the code excerpt of docs/generator.md between <c>&lt;!-- {marker}: begin --&gt;</c> and its end marker
    /// (blank lines, fences, comments and <c>// ...</c> elisions left out; more than 40 lines) is in
    /// <paramref name="generated"/> line for line, in order.
    /// </summary>
    public static void ShouldContainDocsExcerpt(string generated, string marker)
    {
        var lines = generated.Split('\n');
        var docs = ReadRepoFile("docs/generator.md").Replace("\r\n", "\n", StringComparison.Ordinal);
        var begin = docs.IndexOf($"<!-- {marker}: begin -->", StringComparison.Ordinal);
        var end = docs.IndexOf($"<!-- {marker}: end -->", StringComparison.Ordinal);
        begin.ShouldBeGreaterThan(0);
        var excerpt = docs[begin..end].Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("<!--", StringComparison.Ordinal) && !line.StartsWith("```", StringComparison.Ordinal))
            .Where(line => !line.TrimStart().StartsWith("// ...", StringComparison.Ordinal))
            .ToArray();

        excerpt.Length.ShouldBeGreaterThan(40);
        var at = 0;
        foreach (var line in excerpt)
        {
            var found = Array.IndexOf(lines, line, at);
            found.ShouldBeGreaterThanOrEqualTo(0, $"docs/generator.md's excerpt '{marker}' has a line that is not in the generated code (in order): {line}");
            at = found + 1;
        }
    }

    /// <summary>A text at a virtual path under the root.</summary>
    public static AdditionalText Text(string relativePath, string? text) => new InMemoryAdditionalText(Root + relativePath, text);

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="text"/> in <paramref name="yaml"/>.</summary>
    public static (int Line, int Column) Find(string yaml, string text)
    {
        var lines = yaml.Split('\n');
        var index = Array.FindIndex(lines, line => line.Contains(text, StringComparison.Ordinal));
        return (index + 1, lines[index].IndexOf(text, StringComparison.Ordinal) + 1);
    }

    public static GeneratorRun Run(IEnumerable<AdditionalText> additionalTexts, params string[] sources) =>
        Run(additionalTexts, new Dictionary<string, string>(), sources);

    /// <summary>Runs the generator with <paramref name="buildProperties"/> as the project's compiler-visible MSBuild
    /// properties (<c>FairMtlRegistryNamespace</c> -> <c>build_property.FairMtlRegistryNamespace</c>).</summary>
    public static GeneratorRun Run(IEnumerable<AdditionalText> additionalTexts, IReadOnlyDictionary<string, string> buildProperties, params string[] sources)
    {
        var input = CreateCompilation(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new ExperimentGenerator().AsSourceGenerator()],
            additionalTexts: additionalTexts,
            parseOptions: ParseOptions,
            optionsProvider: new BuildProperties(buildProperties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        return new GeneratorRun(driver, input, output, diagnostics);
    }

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Generated" + Guid.NewGuid().ToString("N"),
            sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions, path: Root + "src/Code" + Guid.NewGuid().ToString("N") + ".cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    /// <summary>Emits the compilation and loads it next to the FairMtl assembly the tests use.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // Only the shared framework: the test's own dependencies include the generator, whose shared-source copy of
        // the spec model would clash with FairMtl's.
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal));
        var fairMtl = typeof(global::FairMtl.Spec.ExperimentSpec).Assembly;
        var dependencies = fairMtl.GetReferencedAssemblies()
            .Select(name => Assembly.Load(name).Location)
            .Where(location => location.Length > 0);
        return platform.Append(fairMtl.Location).Concat(dependencies)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FairMtl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FairMtl.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One generator run: the driver (for re-runs), the input and output compilations and the diagnostics.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, CSharpCompilation Input, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    /// <summary>The generated source with the given hint name.</summary>
    public string Source(string hintName) =>
        Result.GeneratedSources.Single(source => source.HintName == hintName).SourceText.ToString();

    public IEnumerable<string> HintNames => Result.GeneratedSources.Select(source => source.HintName);

    /// <summary>Generator diagnostics as <c>FMTL004 experiments/x.yaml(12,7): message</c>, in file and position order.</summary>
    public IReadOnlyList<string> DiagnosticLines => Diagnostics
        .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
        .ThenBy(d => d.Location.GetLineSpan().StartLinePosition)
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .Select(Format)
        .ToArray();

    /// <summary>Errors and warnings of the compilation with the generated code.</summary>
    public IReadOnlyList<Diagnostic> OutputProblems => Output.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToArray();

    public static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var path = span.Path.StartsWith(GeneratorHarness.Root, StringComparison.Ordinal) ? span.Path[GeneratorHarness.Root.Length..] : span.Path;
        return $"{diagnostic.Id} {path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
