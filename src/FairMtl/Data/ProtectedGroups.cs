using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>Assigns a sweep's test rows to group 0 and group 1 by <c>data.groups</c> (<see cref="RowGroups"/>).</summary>
internal static class ProtectedGroups
{
    /// <summary>
    /// The group (0, 1, or -1 for an unknown value) of each test row and a summary; throws FMTL014 when the rule makes
    /// other than two groups or a group has no test rows.
    /// </summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="table">The parsed rows.</param>
    /// <param name="testRows">The test rows (a median rule takes their median).</param>
    public static (int[] Groups, GroupSummary Summary) Assign(LoadedExperiment experiment, DataTable table, int[] testRows)
    {
        var spec = experiment.Spec.Data.Groups;
        var rows = RowGroups.Of(spec, experiment.Source, "data.groups", table, testRows);
        if (rows.Names.Count != 2)
        {
            var listed = DeclaredValues.Listed(rows.Values);
            throw new FairMtlException(
                DiagnosticCodes.Groups,
                experiment.Source.Locate("data.groups"),
                $"column '{spec.Column}' holds {rows.Values.Count} values ({listed}) and a sweep compares two groups; " +
                "list the values of group 1 under 'data.groups.privileged', or give a 'range' or 'rule: threshold' / 'rule: median'");
        }

        var label0 = rows.Names[0];
        var label1 = rows.Names[1];
        var groups = testRows.Select(r => rows.Groups[r]).ToArray();
        var count1 = groups.Count(g => g == 1);
        var count0 = groups.Count(g => g == 0);
        var unknown = groups.Length - count0 - count1;
        var condition = spec.Rule switch
        {
            GroupRule.Binary => $"{spec.Column} = 1",
            GroupRule.Categories => $"{spec.Column} = {rows.Values[1]}",
            GroupRule.Privileged => $"{spec.Column} in {{{string.Join(", ", spec.Privileged)}}}",
            GroupRule.Range => $"{spec.Column} in [{Format(spec.Low)}, {Format(spec.High)}]",
            GroupRule.Median => $"{spec.Column} > median(test {spec.Column}) = {Format(rows.Threshold!.Value)}",
            _ => $"{spec.Column} > {Format(rows.Threshold!.Value)}",
        };
        var description = $"{condition}: {label1} {count1} rows, {label0} {count0} rows" + (unknown > 0 ? $", {unknown} rows of unknown group" : string.Empty);
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
        return (groups, new GroupSummary(spec.Column, rule, rows.Threshold, label0, label1, count0, count1, description));
    }

    private static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
