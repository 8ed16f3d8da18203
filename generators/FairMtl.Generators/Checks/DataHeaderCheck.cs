using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Generators.Model;
using FairMtl.Generators.Reading;
using FairMtl.Spec;

namespace FairMtl.Generators.Checks;

/// <summary>
/// FMTL004 for every column reference the data file does not have: checked against the header (the first non-blank
/// line after <c>data.skip_lines</c>) when the data file is an AdditionalFile, and against <c>data.columns</c> for files
/// without a header (no file needed). References include <c>data.filter</c> and <c>data.categorical</c>.
/// </summary>
internal static class DataHeaderCheck
{
    public static IEnumerable<DiagnosticInfo> Check(ExperimentModel experiment, IReadOnlyDictionary<string, DataHeader> headers)
    {
        var data = DataOf(experiment);
        if (data is null || experiment.DataFile is null)
        {
            yield break;
        }

        var columns = data.Header ? HeaderColumns(experiment, data, headers) : data.Columns.ToArray();
        if (columns is null)
        {
            yield break;
        }

        foreach (var reference in experiment.Columns)
        {
            if (!columns.Contains(reference.Column, StringComparer.Ordinal))
            {
                var error = ColumnReferences.Unknown(reference.Column, columns, data.File, SourceLocation.OfFile(experiment.SourceFile));
                yield return new DiagnosticInfo(error.Code, error.Detail, reference.Location);
            }
        }
    }

    /// <summary>The data files (normalised full paths) whose header the check needs: those of experiments with a
    /// data section and <c>data.header: true</c>.</summary>
    public static EquatableArray<string> HeaderPaths(EquatableArray<ExperimentModel> experiments) =>
        experiments
            .Where(experiment => experiment.DataFile is not null && DataOf(experiment) is { Header: true })
            .Select(experiment => DataHeader.Normalize(experiment.DataFile!))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToArray();

    private static DataSpec? DataOf(ExperimentModel experiment) => experiment.Spec?.Data ?? experiment.ComparisonData;

    private static string[]? HeaderColumns(ExperimentModel experiment, DataSpec data, IReadOnlyDictionary<string, DataHeader> headers)
    {
        if (!headers.TryGetValue(DataHeader.Normalize(experiment.DataFile!), out var header)
            || header.HeaderLine(data.SkipLines) is not { } line)
        {
            return null;
        }

        try
        {
            return FieldSplitter.Split(line, data.Format, data.Delimiter, SourceLocation.OfFile(experiment.DataFile!))
                .Select(field => field.Value.Trim())
                .ToArray();
        }
        catch (FairMtlException)
        {
            return null; // an unsplittable header is the runtime's FMTL010, not a build error
        }
    }
}
