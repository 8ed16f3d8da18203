using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Spec;

/// <summary>
/// The places where a spec names data columns, and the check that each exists in the data file (at run time against
/// the file, in the source generator against the header of a data file given as an AdditionalFile).
/// </summary>
internal static class ColumnReferences
{
    /// <summary>Every column reference of the spec with its spec path, in declaration order.</summary>
    public static IEnumerable<(string Path, string Column)> Of(ExperimentSpec spec)
    {
        var features = spec.Data.Features;
        for (var i = 0; i < features.Include.Count; i++)
        {
            yield return ($"data.features.include[{i}]", features.Include[i]);
        }

        for (var i = 0; i < features.Exclude.Count; i++)
        {
            yield return ($"data.features.exclude[{i}]", features.Exclude[i]);
        }

        foreach (var head in spec.Heads)
        {
            yield return ($"heads.{head.Name}.column", head.Column);
        }

        yield return ("data.groups.column", spec.Data.Groups.Column);
    }

    /// <summary>Throws FMTL004 at the first reference to a column the file does not have.</summary>
    public static void Validate(LoadedExperiment experiment, IReadOnlyList<string> columns, string displayPath)
    {
        foreach (var (path, column) in Of(experiment.Spec))
        {
            if (!columns.Contains(column, StringComparer.Ordinal))
            {
                throw Unknown(column, columns, displayPath, experiment.Source.Locate(path));
            }
        }
    }

    /// <summary>Where the spec names <paramref name="column"/> (its first reference), else the <c>data.file</c> entry.</summary>
    public static SourceLocation Locate(LoadedExperiment experiment, string column)
    {
        foreach (var (path, name) in Of(experiment.Spec))
        {
            if (name == column)
            {
                return experiment.Source.Locate(path);
            }
        }

        return experiment.Source.Locate("data.file");
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
