using FairMtl.Generators.Attributes;
using FairMtl.Generators.Checks;
using FairMtl.Generators.Diagnostics;
using FairMtl.Generators.Emit;
using FairMtl.Generators.Reading;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FairMtl.Generators;

/// <summary>
/// Turns every experiment of the compilation (YAML AdditionalFiles and <c>[Experiment]</c> partial classes) into typed
/// C# (and, for the experiments on the torch engine of a compilation that references FairMtl.Torch, into typed
/// TorchSharp modules, and for its comparisons into each method's module and training objective) and every declaration
/// mistake into a compiler diagnostic. See docs/generator.md.
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

        // Typed TorchSharp modules for the experiments on the torch engine, where the compilation can compile them (it
        // references FairMtl.Torch); elsewhere such an experiment trains with the engine's run-time model.
        var torch = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(TorchModelEmitter.BaseType) is not null)
            .WithTrackingName(TrackingNames.TorchAvailable);
        context.RegisterSourceOutput(experiments.Combine(torch), static (production, pair) =>
        {
            if (pair.Right && IsTorchModel(pair.Left))
            {
                GenerateTorch(production, pair.Left);
            }
            else if (pair.Right && IsTorchComparison(pair.Left))
            {
                GenerateTorchComparison(production, pair.Left);
            }
        });

        var registryNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(RegistryEmitter.NamespaceProperty, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value.Trim()
                : RegistryEmitter.DefaultNamespace)
            .WithTrackingName(TrackingNames.RegistryNamespace);

        var torchModels = checkedExperiments
            .Combine(torch)
            .Select(static (pair, _) => new EquatableArray<RegistryEntry>(pair.Right
                ? pair.Left.Where(IsTorchModel).Select(experiment => new RegistryEntry(experiment.Experiment.Name, CSharpNames.FullTorchModelName(experiment.Experiment)))
                    .Concat(pair.Left.Where(IsTorchComparison).Select(experiment => new RegistryEntry(
                        experiment.Experiment.Name, CSharpNames.FullTorchModelName(experiment.Experiment), IsComparison: true)))
                    .ToArray()
                : []))
            .WithTrackingName(TrackingNames.TorchModels);
        context.RegisterSourceOutput(torchModels.Combine(registryNamespace), static (production, pair) =>
        {
            if (pair.Left.Count > 0)
            {
                production.AddSource(TorchRegistrationEmitter.HintName, TorchRegistrationEmitter.Emit(pair.Left, pair.Right));
            }
        });

        var registry = checkedExperiments
            .Select(static (list, _) => new EquatableArray<RegistryEntry>(list
                .Where(experiment => experiment.Generate)
                .Select(experiment => new RegistryEntry(experiment.Experiment.Name, CSharpNames.FullTypeName(experiment.Experiment)))
                .Concat(list
                    .Where(experiment => experiment.Experiment.ComparisonYaml is not null && experiment.Diagnostics.Count == 0)
                    .Select(experiment => new RegistryEntry(
                        experiment.Experiment.Name, string.Empty, experiment.Experiment.SourceFile, experiment.Experiment.ComparisonYaml)))))
            .WithTrackingName(TrackingNames.Registry);
        context.RegisterSourceOutput(registry.Combine(registryNamespace), static (production, pair) =>
            production.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(pair.Left, pair.Right)));
    }

    /// <summary>A generated experiment on the torch engine (the sweep kind).</summary>
    private static bool IsTorchModel(CheckedExperiment experiment) =>
        experiment.Generate && experiment.Experiment.Spec?.Training.Engine == TrainingEngine.Torch;

    /// <summary>A valid method or multi-task comparison on the torch engine (registered like any comparison: no
    /// diagnostic), which gets its methods' torch modules and objectives.</summary>
    private static bool IsTorchComparison(CheckedExperiment experiment) =>
        experiment.Diagnostics.Count == 0 && TorchComparisonEmitter.Applies(experiment.Experiment.Comparison);

    private static void GenerateTorchComparison(SourceProductionContext context, CheckedExperiment experiment) =>
        AddSource(
            context,
            experiment,
            CSharpNames.TorchHintName(experiment.Experiment),
            $"generating the torch code of comparison '{experiment.Experiment.Name}'",
            () => TorchComparisonEmitter.Emit(experiment.Experiment));

    private static void GenerateTorch(SourceProductionContext context, CheckedExperiment experiment) =>
        AddSource(
            context,
            experiment,
            CSharpNames.TorchHintName(experiment.Experiment),
            $"generating the torch module of experiment '{experiment.Experiment.Name}'",
            () => TorchModelEmitter.Emit(experiment.Experiment, WeightingExpression.Parse(experiment.Experiment.Spec!.Loss)));

    /// <summary>Adds the source <paramref name="emit"/> writes under <paramref name="hintName"/>; an exception it throws
    /// (a generator bug, never a declaration mistake) is reported as an internal-error diagnostic that says what was being
    /// done, at the experiment's name, and nothing is added.</summary>
    private static void AddSource(SourceProductionContext context, CheckedExperiment experiment, string hintName, string doing, Func<string> emit)
    {
        string source;
        try
        {
            source = emit();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DiagnosticReporter.Report(context, DiagnosticReporter.InternalError(e, doing, experiment.Experiment.NameLocation));
            return;
        }

        context.AddSource(hintName, source);
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

        AddSource(
            context, experiment, CSharpNames.HintName(experiment.Experiment), $"generating experiment '{experiment.Experiment.Name}'", () => ExperimentEmitter.Emit(experiment.Experiment));
    }
}
