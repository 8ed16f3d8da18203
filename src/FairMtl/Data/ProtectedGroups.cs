using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>Assigns the test rows to group 0 and group 1 by <c>data.groups</c>.</summary>
internal static class ProtectedGroups
{
    /// <summary>
    /// The group column's value per row: its numbers (FMTL014 at the first value of a <c>binary</c> column that is not 0
    /// or 1), or with <c>privileged</c> values the 0/1 indicator of those values in its text.
    /// </summary>
    public static double[] Values(LoadedExperiment experiment, DataTable table)
    {
        var groups = experiment.Spec.Data.Groups;
        if (groups.Rule == GroupRule.Privileged)
        {
            return DeclaredValues.Indicator(experiment.Source, table.Text(groups.Column), groups.Privileged, "data.groups.privileged", groups.Column);
        }

        var values = table.Column(groups.Column);
        if (groups.Rule == GroupRule.Range)
        {
            return DeclaredValues.InRange(values, groups.Low, groups.High);
        }

        for (var row = 0; groups.Rule == GroupRule.Binary && row < values.Length; row++)
        {
            if (values[row] is not (0.0 or 1.0))
            {
                throw new FairMtlException(
                    DiagnosticCodes.Groups,
                    table.Locate(groups.Column, row),
                    $"group column '{groups.Column}' (rule: binary) holds {Format(values[row])} (expected 0 or 1, or list the values of group 1 under 'data.groups.privileged')");
            }
        }

        return values;
    }

    /// <summary>The group (0 or 1) of each test row and a summary; throws FMTL014 when a group has no test rows.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="values">The group column's values (<see cref="Values"/>).</param>
    /// <param name="testRows">The test rows.</param>
    public static (int[] Groups, GroupSummary Summary) Assign(LoadedExperiment experiment, double[] values, int[] testRows)
    {
        var spec = experiment.Spec.Data.Groups;
        var label0 = spec.Labels.Count > 0 ? spec.Labels[0] : "group0";
        var label1 = spec.Labels.Count > 1 ? spec.Labels[1] : "group1";
        double? threshold = spec.Rule switch
        {
            GroupRule.Binary or GroupRule.Privileged or GroupRule.Range => null,
            GroupRule.Median => Median(testRows.Select(r => values[r]).ToArray()),
            _ => spec.Threshold,
        };

        var groups = new int[testRows.Length];
        for (var i = 0; i < testRows.Length; i++)
        {
            var value = values[testRows[i]];
            groups[i] = threshold is { } t ? (value > t ? 1 : 0) : (int)value;
        }

        var count1 = groups.Count(g => g == 1);
        var count0 = groups.Length - count1;
        var condition = spec.Rule switch
        {
            GroupRule.Binary => $"{spec.Column} = 1",
            GroupRule.Privileged => $"{spec.Column} in {{{string.Join(", ", spec.Privileged)}}}",
            GroupRule.Range => $"{spec.Column} in [{Format(spec.Low)}, {Format(spec.High)}]",
            GroupRule.Median => $"{spec.Column} > median(test {spec.Column}) = {Format(threshold!.Value)}",
            _ => $"{spec.Column} > {Format(threshold!.Value)}",
        };
        var description = $"{condition}: {label1} {count1} rows, {label0} {count0} rows";
        if (count0 == 0 || count1 == 0)
        {
            var (empty, index) = count0 == 0 ? (label0, 0) : (label1, 1);
            throw new FairMtlException(
                DiagnosticCodes.Groups,
                experiment.Source.Locate("data.groups"),
                $"protected group '{empty}' (group {index}) has no test rows ({description}); " +
                "expected test rows in both groups");
        }

        var rule = spec.Rule.ToString().ToLowerInvariant();
        return (groups, new GroupSummary(spec.Column, rule, threshold, label0, label1, count0, count1, description));
    }

    /// <summary>NumPy's median: the middle value, or the mean of the two middle values for an even count.</summary>
    internal static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
