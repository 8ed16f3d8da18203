using FairMtl.Generators.Attributes;
using FairMtl.Generators.Checks;
using FairMtl.Generators.Diagnostics;
using FairMtl.Generators.Emit;
using FairMtl.Generators.Reading;
using FairMtl.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FairMtl.Generators;

/// <summary>
/// Turns every experiment of the compilation (YAML AdditionalFiles and <c>[Experiment]</c> partial classes) into typed
/// C# and every declaration mistake into a compiler diagnostic. See docs/generator.md.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ExperimentGenerator : IIncrementalGenerator
{
    /// <summary>The attribute that marks an attribute-declared experiment class.</summary>
    public const string ExperimentAttribute = AttributeNames.Experiment;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var yaml = context.AdditionalTextsProvider
            .Where(YamlExperimentReader.IsYaml)
            .WithTrackingName(TrackingNames.YamlFiles)
            .Select(YamlExperimentReader.Read)
            .WithTrackingName(TrackingNames.YamlExperiments);

        var attributes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ExperimentAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: AttributeExperimentReader.Read)
            .WithTrackingName(TrackingNames.AttributeExperiments);

        var all = yaml.Collect()
            .Combine(attributes.Collect())
            .Select(static (pair, _) => ExperimentChecks.Order(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.AllExperiments);

        // Only the data files whose header some experiment checks are read: the others (headerless files, files of
        // experiments without a build-time check) can be megabytes that the compiler would otherwise load on every build.
        var headerPaths = all
            .Select(static (experiments, _) => DataHeaderCheck.HeaderPaths(experiments))
            .WithTrackingName(TrackingNames.DataHeaderPaths);

        var dataHeaders = context.AdditionalTextsProvider
            .Where(static text => !YamlExperimentReader.IsYaml(text))
            .Combine(headerPaths)
            .Select(static (pair, cancellationToken) => pair.Right.Contains(DataHeader.Normalize(pair.Left.Path))
                ? DataHeader.Read(pair.Left, cancellationToken)
                : DataHeader.NotRead(pair.Left.Path))
            .WithTrackingName(TrackingNames.DataHeaders);

        var checkedExperiments = all
            .Combine(dataHeaders.Collect())
            .Select(static (pair, cancellationToken) => ExperimentChecks.Check(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.CheckedExperiments);

        var experiments = checkedExperiments
            .SelectMany(static (list, _) => list)
            .WithTrackingName(TrackingNames.Experiment);
        context.RegisterSourceOutput(experiments, Generate);

        var registry = checkedExperiments
            .Select(static (list, _) => new EquatableArray<RegistryEntry>(list
                .Where(experiment => experiment.Generate)
                .Select(experiment => new RegistryEntry(experiment.Experiment.Name, CSharpNames.FullTypeName(experiment.Experiment)))
                .Concat(list
                    .Where(experiment => experiment.Experiment.ComparisonYaml is not null && experiment.Diagnostics.Count == 0)
                    .Select(experiment => new RegistryEntry(
                        experiment.Experiment.Name, string.Empty, experiment.Experiment.SourceFile, experiment.Experiment.ComparisonYaml)))))
            .WithTrackingName(TrackingNames.Registry);
        context.RegisterSourceOutput(registry, static (production, entries) =>
            production.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(entries)));
    }

    private static void Generate(SourceProductionContext context, CheckedExperiment experiment)
    {
        foreach (var diagnostic in experiment.Diagnostics)
        {
            DiagnosticReporter.Report(context, diagnostic);
        }

        if (!experiment.Generate)
        {
            return;
        }

        string source;
        try
        {
            source = ExperimentEmitter.Emit(experiment.Experiment);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DiagnosticReporter.Report(
                context, DiagnosticReporter.InternalError(e, $"generating experiment '{experiment.Experiment.Name}'", experiment.Experiment.NameLocation));
            return;
        }

        context.AddSource(CSharpNames.HintName(experiment.Experiment), source);
    }
}
