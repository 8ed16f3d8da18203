using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Spec;

/// <summary>
/// The places where a spec names data columns, and the check that each exists in the data file (at run time against
/// the file, in the source generator against the header of a data file given as an AdditionalFile).
/// </summary>
internal static class ColumnReferences
{
    /// <summary>
    /// Every column reference of the spec with its spec path: the inputs, the heads, the group column, then the row
    /// filters and the categorical columns (<see cref="Of(DataSpec)"/> without the group column).
    /// </summary>
    public static IEnumerable<(string Path, string Column)> Of(ExperimentSpec spec)
    {
        foreach (var reference in Features(spec.Data))
        {
            yield return reference;
        }

        foreach (var head in spec.Heads)
        {
            yield return ($"heads.{head.Name}.column", head.Column);
        }

        yield return ("data.groups.column", spec.Data.Groups.Column);
        foreach (var reference in Rows(spec.Data))
        {
            yield return reference;
        }
    }

    /// <summary>Every column reference of a comparison: the <c>data</c> section's, then the tasks' and the sensitive
    /// attributes' columns.</summary>
    public static IEnumerable<(string Path, string Column)> Of(ComparisonSpec spec) =>
        Of(spec.Data)
            .Concat(spec.Tasks.SelectMany(task => task.Labels.Count > 0
                ? task.Labels.Select(column => ($"tasks.{task.Name}.columns", column))
                : [($"tasks.{task.Name}.column", task.Column)]))
            .Concat(spec.Sensitive.Select(attribute => ($"sensitive.{attribute.Name}.column", attribute.Column)));

    /// <summary>
    /// The column references of a <c>data</c> section alone: <c>features.include</c> / <c>exclude</c>, <c>filter</c>,
    /// <c>categorical</c> (not <c>groups.column</c>, which comparison experiments leave empty).
    /// </summary>
    public static IEnumerable<(string Path, string Column)> Of(DataSpec data) => Features(data).Concat(Rows(data));

    /// <summary>Throws FMTL004 at the first reference to a column the file does not have.</summary>
    public static void Validate(LoadedExperiment experiment, IReadOnlyList<string> columns, string displayPath) =>
        Validate(Of(experiment.Spec), experiment.Source, columns, displayPath);

    /// <summary>Throws FMTL004 at the first of <paramref name="references"/> to a column the file does not have.</summary>
    public static void Validate(
        IEnumerable<(string Path, string Column)> references, SpecSourceMap source, IReadOnlyList<string> columns, string displayPath)
    {
        foreach (var (path, column) in references)
        {
            if (!columns.Contains(column, StringComparer.Ordinal))
            {
                throw Unknown(column, columns, displayPath, source.Locate(path));
            }
        }
    }

    /// <summary>Where the spec names <paramref name="column"/> (its first reference), else the <c>data.file</c> entry.</summary>
    public static SourceLocation Locate(LoadedExperiment experiment, string column) =>
        Locate(Of(experiment.Spec), experiment.Source, column);

    /// <summary>Where the first of <paramref name="references"/> names <paramref name="column"/>, else <c>data.file</c>.</summary>
    public static SourceLocation Locate(IEnumerable<(string Path, string Column)> references, SpecSourceMap source, string column)
    {
        foreach (var (path, name) in references)
        {
            if (name == column)
            {
                return source.Locate(path);
            }
        }

        return source.Locate("data.file");
    }

    private static IEnumerable<(string Path, string Column)> Features(DataSpec data)
    {
        for (var i = 0; i < data.Features.Include.Count; i++)
        {
            yield return ($"data.features.include[{i}]", data.Features.Include[i]);
        }

        for (var i = 0; i < data.Features.Exclude.Count; i++)
        {
            yield return ($"data.features.exclude[{i}]", data.Features.Exclude[i]);
        }
    }

    private static IEnumerable<(string Path, string Column)> Rows(DataSpec data)
    {
        for (var i = 0; i < data.Filters.Count; i++)
        {
            yield return ($"data.filter[{i}]", data.Filters[i].Column);
        }

        for (var i = 0; i < data.Categorical.Count; i++)
        {
            yield return ($"data.categorical[{i}]", data.Categorical[i]);
        }
    }

    /// <summary>The FMTL004 error for an unknown column, with a suggestion or the list of columns.</summary>
    public static FairMtlException Unknown(
        string column, IReadOnlyList<string> columns, string displayPath, SourceLocation location)
    {
        var suggestion = NameSuggestions.DidYouMean(column, columns);
        var detail = suggestion.Length > 0
            ? $"unknown column '{column}' in data file '{displayPath}'{suggestion}"
            : $"unknown column '{column}' in data file '{displayPath}' (expected one of: {string.Join(", ", columns)})";
        return new FairMtlException(DiagnosticCodes.UnknownColumn, location, detail);
    }
}
