using FairMtl.Diagnostics;
using FairMtl.Generators.Diagnostics;
using FairMtl.Generators.Model;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// Reads an <c>[Experiment]</c> class: lowers its attributes and its <c>Loss</c> method to experiment YAML, validates
/// that with the YAML front end (<see cref="ExperimentYamlReader.Parse"/>, so that validation exists once) and maps
/// every error back to the attribute argument, attribute or <c>Loss</c> syntax it came from.
/// </summary>
internal static class AttributeExperimentReader
{
    internal static ExperimentModel Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var sourceFile = context.TargetNode.SyntaxTree.FilePath;
        var classLocation = DiagnosticLocation.FromRoslyn(
            context.TargetNode is TypeDeclarationSyntax declaration ? declaration.Identifier.GetLocation() : context.TargetNode.GetLocation());
        try
        {
            return ReadExperiment(context, sourceFile, classLocation, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var type = new TargetType(null, context.TargetSymbol.Name, IsUserClass: true, IsStatic: false, EquatableArray<string>.Empty);
            var error = DiagnosticReporter.InternalError(e, "reading the experiment attributes", classLocation);
            return new ExperimentModel(
                string.Empty, sourceFile, null, type, new[] { error }, null, EquatableArray<ColumnReference>.Empty, classLocation);
        }
    }

    private static ExperimentModel ReadExperiment(
        GeneratorAttributeSyntaxContext context, string sourceFile, DiagnosticLocation classLocation, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var problems = new List<DiagnosticInfo>();
        var target = TargetTypeReader.Read(type, (TypeDeclarationSyntax)context.TargetNode, problems, cancellationToken);
        var attributes = DeclaredAttributes.Read(type, classLocation, cancellationToken);
        var experiment = attributes.Find(AttributeNames.Experiment);
        var nameArgument = experiment?.Get("name");
        var name = nameArgument?.Value.Value as string ?? string.Empty;
        var nameLocation = nameArgument?.Location ?? experiment?.Location ?? classLocation;

        ExperimentModel Failed() => new(
            name, sourceFile, null, target, new EquatableArray<DiagnosticInfo>(problems), null, EquatableArray<ColumnReference>.Empty, nameLocation);

        // The compiler reports mistakes in the attributes themselves (a wrong type, a missing argument).
        if (experiment is null || attributes.HaveErrors)
        {
            return Failed();
        }

        if (attributes.Find(AttributeNames.Method) is not null)
        {
            return ReadComparison(attributes, sourceFile, classLocation, target, problems, name, nameLocation);
        }

        var missing = problems.Count;
        DeclarationChecks.MissingAttributes(attributes, classLocation, problems);
        var incomplete = problems.Count > missing;
        DeclarationChecks.Conflicts(attributes, problems);
        var heads = Names(attributes, AttributeNames.Head);
        var variables = Names(attributes, AttributeNames.Sweep);
        var loss = LossMethodReader.Read(type, variables.Concat(heads).ToArray(), classLocation, cancellationToken);
        problems.AddRange(loss.Diagnostics);
        if (incomplete)
        {
            return Failed();
        }

        // A loss that cannot be translated is replaced by a valid one, so that the attributes are still checked.
        var yaml = AttributeLowering.Lower(attributes, loss.Succeeded ? loss.Text : heads[0], loss, classLocation, out var lossLine);
        var folder = string.IsNullOrEmpty(sourceFile) ? string.Empty : Path.GetDirectoryName(sourceFile) ?? string.Empty;
        LoadedExperiment loaded;
        try
        {
            loaded = ExperimentYamlReader.Parse(yaml.Text, sourceFile, folder, collectionTags: true);
        }
        catch (FairMtlException e)
        {
            problems.Add(new DiagnosticInfo(e.Code, AttributeMessages.Rewrite(e.Detail), Locate(e, yaml, lossLine, loss, classLocation)));
            return Failed();
        }

        if (problems.Count > 0)
        {
            return Failed();
        }

        var spec = loaded.Spec;
        var columns = ColumnReferences.Of(spec)
            .Select(reference => new ColumnReference(
                reference.Path, reference.Column, yaml.Locate(loaded.Source.Locate(reference.Path), nameLocation)))
            .ToArray();
        return new ExperimentModel(
            spec.Name,
            sourceFile,
            spec,
            target,
            EquatableArray<DiagnosticInfo>.Empty,
            Path.IsPathRooted(folder) ? loaded.DataPath : Path.Combine(folder, spec.Data.File),
            new EquatableArray<ColumnReference>(columns),
            nameLocation);
    }

    /// <summary>
    /// A class with [Method] attributes declares a comparison experiment (method comparison, MTA-F or FairMT): lowered to
    /// comparison YAML, validated by <see cref="ComparisonYamlReader.Parse"/>, and, as a YAML comparison, registered with
    /// that YAML (no generated members); its data paths resolve against the class's folder.
    /// </summary>
    private static ExperimentModel ReadComparison(
        DeclaredAttributes attributes, string sourceFile, DiagnosticLocation classLocation, TargetType target, List<DiagnosticInfo> problems, string name, DiagnosticLocation nameLocation)
    {
        ExperimentModel Failed() => new(
            name, sourceFile, null, target, new EquatableArray<DiagnosticInfo>(problems), null, EquatableArray<ColumnReference>.Empty, nameLocation);

        var missing = problems.Count;
        DeclarationChecks.MissingComparisonAttributes(attributes, classLocation, problems);
        if (problems.Count > missing)
        {
            return Failed();
        }

        var yaml = AttributeLowering.LowerComparison(attributes, classLocation);
        var folder = string.IsNullOrEmpty(sourceFile) ? string.Empty : Path.GetDirectoryName(sourceFile) ?? string.Empty;
        LoadedComparison loaded;
        try
        {
            loaded = ComparisonYamlReader.Parse(yaml.Text, sourceFile, folder, collectionTags: true);
        }
        catch (FairMtlException e)
        {
            problems.Add(new DiagnosticInfo(e.Code, AttributeMessages.Rewrite(e.Detail), e.Location is null ? classLocation : yaml.Locate(e.Location, classLocation)));
            return Failed();
        }

        if (problems.Count > 0)
        {
            return Failed();
        }

        var columns = ColumnReferences.Of(loaded.Spec)
            .Select(reference => new ColumnReference(reference.Path, reference.Column, yaml.Locate(loaded.Source.Locate(reference.Path), nameLocation)))
            .ToArray();
        return new ExperimentModel(
            loaded.Spec.Name,
            sourceFile,
            null,
            target,
            EquatableArray<DiagnosticInfo>.Empty,
            Path.IsPathRooted(folder) ? loaded.DataPath : Path.Combine(folder, loaded.Spec.Data.File),
            new EquatableArray<ColumnReference>(columns),
            nameLocation,
            ComparisonData: loaded.Spec.Data,
            ComparisonYaml: yaml.Text,
            Comparison: loaded.Spec);
    }

    private static string[] Names(DeclaredAttributes attributes, string metadataName) =>
        attributes.All(metadataName).Select(attribute => attribute.Get("name")?.Value.Value as string ?? string.Empty).ToArray();

    private static DiagnosticLocation Locate(
        FairMtlException error, SynthesizedYaml yaml, int lossLine, TranslatedLoss loss, DiagnosticLocation classLocation)
    {
        var location = error.Location;
        if (location is null)
        {
            return classLocation;
        }

        if (location.Line == lossLine && location.Column >= yaml.ValueColumn(lossLine))
        {
            return loss.Locate(location.Column - yaml.ValueColumn(lossLine), error.Detail);
        }

        return yaml.Locate(location, classLocation);
    }
}
