using FairMtl.Generators.Diagnostics;
using FairMtl.Generators.Model;
using FairMtl.Generators.Reading;
using FairMtl.Spec;

namespace FairMtl.Generators.Checks;

/// <summary>The checks that need more than one input: data headers and duplicate names.</summary>
internal static class ExperimentChecks
{
    /// <summary>Every experiment, YAML and attribute, in file path order (then position in the file).</summary>
    public static EquatableArray<ExperimentModel> Order(IEnumerable<ExperimentModel> yaml, IEnumerable<ExperimentModel> attributes) =>
        yaml.Concat(attributes)
            .OrderBy(experiment => experiment.SourceFile, StringComparer.Ordinal)
            .ThenBy(experiment => experiment.NameLocation.SpanStart)
            .ThenBy(experiment => experiment.Name, StringComparer.Ordinal)
            .ToArray();

    public static EquatableArray<CheckedExperiment> Check(
        EquatableArray<ExperimentModel> experiments, IReadOnlyList<DataHeader> dataFiles, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, DataHeader>(StringComparer.Ordinal);
        foreach (var header in dataFiles)
        {
            headers[header.Path] = header;
        }

        var duplicates = DuplicateNames.Find(experiments.ToArray());
        var result = new CheckedExperiment[experiments.Count];
        for (var i = 0; i < result.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var experiment = experiments[i];
            var diagnostics = new List<DiagnosticInfo>(experiment.Diagnostics);
            try
            {
                diagnostics.AddRange(DataHeaderCheck.Check(experiment, headers));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                diagnostics.Add(DiagnosticReporter.InternalError(e, "checking the data file's columns", experiment.NameLocation));
            }

            if (duplicates[i].Diagnostic is { } duplicate)
            {
                diagnostics.Add(duplicate);
            }

            result[i] = new CheckedExperiment(experiment, diagnostics.ToArray(), experiment.Spec is not null && !duplicates[i].Suppressed);
        }

        return result;
    }
}
