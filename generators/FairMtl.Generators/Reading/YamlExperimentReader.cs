using FairMtl.Diagnostics;
using FairMtl.Generators.Diagnostics;
using FairMtl.Generators.Emit;
using FairMtl.Generators.Model;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Reading;

/// <summary>Reads one YAML AdditionalText into an <see cref="ExperimentModel"/> with the runtime's own reader.</summary>
internal static class YamlExperimentReader
{
    public const string Namespace = "FairMtl.Generated.Experiments";

    public static bool IsYaml(AdditionalText text) =>
        text.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public static ExperimentModel Read(AdditionalText text, CancellationToken cancellationToken)
    {
        var path = text.Path;
        var fileLocation = DiagnosticLocation.FromSource(SourceLocation.OfFile(path), path);
        try
        {
            var source = text.GetText(cancellationToken);
            if (source is null)
            {
                return Broken(path, new DiagnosticInfo(
                    DiagnosticCodes.ExperimentFile, $"cannot read experiment file '{path}'", fileLocation));
            }

            var yaml = source.ToString();
            if (ComparisonYamlReader.Declares(yaml))
            {
                return FromComparison(ComparisonYamlReader.Parse(yaml, path, Path.GetDirectoryName(path) ?? string.Empty), path, yaml);
            }

            var loaded = ExperimentYamlReader.Parse(yaml, path, Path.GetDirectoryName(path) ?? string.Empty);
            return FromSpec(loaded, path, DeclarationHash.Of(yaml));
        }
        catch (FairMtlException e)
        {
            var location = DiagnosticLocation.FromSource(e.Location ?? SourceLocation.OfFile(path), path);
            return Broken(path, new DiagnosticInfo(e.Code, e.Detail, location));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Broken(path, DiagnosticReporter.InternalError(e, $"reading '{path}'", fileLocation));
        }
    }

    private static ExperimentModel FromSpec(LoadedExperiment loaded, string path, string sourceHash)
    {
        var spec = loaded.Spec;
        var columns = Columns(ColumnReferences.Of(spec), loaded.Source, path);
        return new ExperimentModel(
            spec.Name,
            path,
            spec,
            new TargetType(Namespace, CSharpNames.TypeName(spec.Name), IsUserClass: false, IsStatic: true, EquatableArray<string>.Empty),
            EquatableArray<DiagnosticInfo>.Empty,
            loaded.DataPath,
            columns,
            DiagnosticLocation.FromSource(loaded.Source.Locate("name"), path),
            sourceHash);
    }

    /// <summary>
    /// A comparison experiment is validated (its mistakes become diagnostics); the host reads its YAML at run time, and
    /// only a comparison on the torch engine gets generated code (its torch modules and objectives).
    /// </summary>
    private static ExperimentModel FromComparison(LoadedComparison loaded, string path, string yaml) =>
        new(
            loaded.Spec.Name,
            path,
            null,
            new TargetType(Namespace, CSharpNames.TypeName(loaded.Spec.Name), IsUserClass: false, IsStatic: true, EquatableArray<string>.Empty),
            EquatableArray<DiagnosticInfo>.Empty,
            loaded.DataPath,
            Columns(ColumnReferences.Of(loaded.Spec), loaded.Source, path),
            DiagnosticLocation.FromSource(loaded.Source.Locate("name"), path),
            ComparisonData: loaded.Spec.Data,
            ComparisonYaml: yaml,
            Comparison: loaded.Spec);

    private static ColumnReference[] Columns(IEnumerable<(string Path, string Column)> references, SpecSourceMap source, string path) =>
        references
            .Select(reference => new ColumnReference(reference.Path, reference.Column, DiagnosticLocation.FromSource(source.Locate(reference.Path), path)))
            .ToArray();

    private static ExperimentModel Broken(string path, DiagnosticInfo diagnostic) =>
        new(
            string.Empty,
            path,
            null,
            new TargetType(Namespace, string.Empty, IsUserClass: false, IsStatic: true, EquatableArray<string>.Empty),
            new[] { diagnostic },
            null,
            EquatableArray<ColumnReference>.Empty,
            diagnostic.Location);
}
