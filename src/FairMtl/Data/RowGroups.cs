using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// The group of every row under a <see cref="GroupSpec"/>, for every kind (a sweep's <c>data.groups</c>, a comparison's
/// sensitive attributes): 0..G-1, or -1 where the attribute is unknown (<see cref="GroupSpec.Unknown"/>).
/// </summary>
/// <param name="Groups">Per row of the table, its group (-1: unknown).</param>
/// <param name="Names">The groups' display names: the declared labels, or names made from the rule.</param>
/// <param name="Threshold">For the threshold and median rules, the value group 1 lies above; otherwise null.</param>
/// <param name="Values">The names made from the rule (for categories, the values themselves), whatever the labels.</param>
public sealed record RowGroups(int[] Groups, IReadOnlyList<string> Names, double? Threshold, IReadOnlyList<string> Values)
{
    /// <summary>Groups the rows of <paramref name="table"/> by <paramref name="spec"/>.</summary>
    /// <param name="spec">The grouping.</param>
    /// <param name="source">Where the spec was declared.</param>
    /// <param name="path">The grouping's spec path (<c>data.groups</c>, <c>sensitive.race</c>), for messages.</param>
    /// <param name="table">The parsed rows (the column read as text when <see cref="GroupRules.ReadsText"/>, else as
    /// numbers).</param>
    /// <param name="medianRows">For <see cref="GroupRule.Median"/>: the rows whose median splits the groups.</param>
    /// <exception cref="FairMtlException">A binary column holds another value than 0 or 1 (FMTL014), a listed value does
    /// not occur (FMTL008), or the labels do not name every group (FMTL014).</exception>
    public static RowGroups Of(GroupSpec spec, SpecSourceMap source, string path, DataTable table, IReadOnlyList<int> medianRows)
    {
        var groups = new int[table.RowCount];
        string[] names;
        double? threshold = null;
        switch (spec.Rule)
        {
            case GroupRule.Categories:
            case GroupRule.Privileged:
                var text = table.Text(spec.Column);
                var unknown = new HashSet<string>(spec.Unknown, StringComparer.Ordinal);
                if (spec.Rule == GroupRule.Privileged)
                {
                    DeclaredValues.Check(source, text, spec.Privileged, $"{path}.privileged", spec.Column);
                    var privileged = new HashSet<string>(spec.Privileged, StringComparer.Ordinal);
                    for (var r = 0; r < text.Length; r++)
                    {
                        groups[r] = unknown.Contains(text[r]) ? -1 : privileged.Contains(text[r]) ? 1 : 0;
                    }

                    var joined = string.Join("|", spec.Privileged);
                    names = [$"not {joined}", joined];
                    break;
                }

                names = text.Where(value => !unknown.Contains(value)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                var index = names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
                for (var r = 0; r < text.Length; r++)
                {
                    groups[r] = unknown.Contains(text[r]) ? -1 : index[text[r]];
                }

                break;
            default:
                var numbers = table.Column(spec.Column);
                if (spec.Rule == GroupRule.Range)
                {
                    for (var r = 0; r < numbers.Length; r++)
                    {
                        groups[r] = numbers[r] >= spec.Low && numbers[r] <= spec.High ? 1 : 0;
                    }

                    var range = $"{Format(spec.Low)}-{Format(spec.High)}";
                    names = [$"outside {range}", range];
                    break;
                }

                if (spec.Rule == GroupRule.Binary)
                {
                    for (var r = 0; r < numbers.Length; r++)
                    {
                        groups[r] = numbers[r] switch
                        {
                            0d => 0,
                            1d => 1,
                            _ => throw new FairMtlException(
                                DiagnosticCodes.Groups,
                                table.Locate(spec.Column, r),
                                $"group column '{spec.Column}' (rule: binary) holds {Format(numbers[r])} (expected 0 or 1, or list the values of group 1 under '{path}.privileged')"),
                        };
                    }

                    names = ["0", "1"];
                    break;
                }

                var t = spec.Rule == GroupRule.Median ? Median(medianRows.Select(r => numbers[r]).ToArray()) : spec.Threshold;
                threshold = t;
                for (var r = 0; r < numbers.Length; r++)
                {
                    groups[r] = numbers[r] > t ? 1 : 0;
                }

                names = [$"{spec.Column} <= {Format(t)}", $"{spec.Column} > {Format(t)}"];
                break;
        }

        var values = names;
        if (spec.Labels.Count > 0)
        {
            if (spec.Labels.Count != names.Length)
            {
                throw new FairMtlException(
                    DiagnosticCodes.Groups,
                    source.Locate($"{path}.labels"),
                    $"'{path}.labels' names {spec.Labels.Count} groups, but column '{spec.Column}' makes {names.Length} ({DeclaredValues.Listed(names)}); " +
                    "expected one label per group, or no labels (the groups are then named by their values)");
            }

            names = spec.Labels.ToArray();
        }

        return new RowGroups(groups, names, threshold, values);
    }

    /// <summary>NumPy's median: the middle value, or the mean of the two middle values for an even count.</summary>
    internal static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
