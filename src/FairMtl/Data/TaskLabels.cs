using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// A FairMT task's labels, read from columns whose empty fields and <c>data.missing</c> markers keep the row: NaN marks
/// a missing label. Row-major with <see cref="Width"/> values per row (a multi-label task's labels side by side).
/// </summary>
/// <param name="Values">The labels: a number (regression), 0/1 (binary, multi-label) or a class index (multi-class).</param>
/// <param name="Width">Values per row.</param>
/// <param name="ClassNames">Multi-class: the class values in index order; else empty.</param>
public sealed record TaskLabels(float[] Values, int Width, IReadOnlyList<string> ClassNames)
{
    /// <summary>Reads <paramref name="task"/>'s labels from <paramref name="table"/> (its columns read as optional text).</summary>
    /// <exception cref="FairMtlException">A value that is not a number (regression), not 0/1 or a listed value (binary,
    /// multi-label), or not a declared class (multi-class), located at the value; a task without any label.</exception>
    public static TaskLabels Read(DataTable table, SpecSourceMap source, TaskSpec task)
    {
        var path = $"tasks.{task.Name}";
        var rows = table.RowCount;
        TaskLabels labels;
        switch (task.Type)
        {
            case HeadTask.Regression:
                labels = new TaskLabels(Numbers(table, task.Column, rows), 1, []);
                break;
            case HeadTask.MultiClass:
                labels = Classes(table, source, task, path, rows);
                break;
            case HeadTask.MultiLabel:
                var width = task.Labels.Count;
                var values = new float[rows * width];
                for (var k = 0; k < width; k++)
                {
                    var column = Binary(table, source, path, task.Labels[k], task.Positive, task.Above);
                    for (var r = 0; r < rows; r++)
                    {
                        values[(r * width) + k] = column[r];
                    }
                }

                labels = new TaskLabels(values, width, []);
                break;
            default:
                labels = new TaskLabels(Binary(table, source, path, task.Column, task.Positive, task.Above), 1, []);
                break;
        }

        return labels.Values.Any(v => !float.IsNaN(v))
            ? labels
            : throw new FairMtlException(
                DiagnosticCodes.MissingValue,
                source.Locate(path),
                $"task '{task.Name}' has no label in any kept row (every value of {string.Join(", ", task.LabelColumns().Select(c => $"'{c}'"))} is empty or a data.missing marker)");
    }

    /// <summary>Whether row <paramref name="row"/> has at least one label.</summary>
    public bool IsLabelled(int row) => IsLabelled(Values, Width, row);

    /// <summary>Whether row <paramref name="row"/> of row-major <paramref name="values"/> (<paramref name="width"/> per row)
    /// has at least one label (a value that is not NaN).</summary>
    public static bool IsLabelled(float[] values, int width, int row)
    {
        for (var k = 0; k < width; k++)
        {
            if (!float.IsNaN(values[(row * width) + k]))
            {
                return true;
            }
        }

        return false;
    }

    private static float[] Numbers(DataTable table, string column, int rows)
    {
        var text = table.Text(column);
        var values = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            if (text[r].Length == 0)
            {
                values[r] = float.NaN;
                continue;
            }

            values[r] = double.TryParse(text[r], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? (float)value
                : throw new FairMtlException(
                    DiagnosticCodes.NonNumeric,
                    table.Locate(column, r),
                    $"column '{column}' holds '{text[r]}' where a number was expected (a regression task's label; an empty field or a data.missing marker means a missing label)");
        }

        return values;
    }

    private static float[] Binary(DataTable table, SpecSourceMap source, string path, string column, IReadOnlyList<string> positive, double? above)
    {
        var text = table.Text(column);
        if (positive.Count > 0)
        {
            DeclaredValues.Check(source, text.Where(t => t.Length > 0).ToArray(), positive, $"{path}.positive", column);
        }

        var values = new float[text.Length];
        for (var r = 0; r < text.Length; r++)
        {
            var value = text[r];
            if (value.Length == 0)
            {
                values[r] = float.NaN;
            }
            else if (positive.Count > 0)
            {
                values[r] = positive.Contains(value) ? 1f : 0f;
            }
            else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                && (above is not null || number is 0d or 1d))
            {
                values[r] = above is { } threshold ? (number > threshold ? 1f : 0f) : (float)number;
            }
            else
            {
                throw new FairMtlException(
                    DiagnosticCodes.InvalidValue,
                    table.Locate(column, r),
                    $"column '{column}' holds '{value}' where a 0/1 label was expected (list the values of label 1 under '{path}.positive', "
                    + $"or give '{path}.above' for a numeric column; an empty field or a data.missing marker means a missing label)");
            }
        }

        return values;
    }

    private static TaskLabels Classes(DataTable table, SpecSourceMap source, TaskSpec task, string path, int rows)
    {
        var text = table.Text(task.Column);
        var present = text.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        string[] names;
        if (task.Classes.Count > 0)
        {
            names = [.. task.Classes];
            var unknown = Array.FindIndex(text, t => t.Length > 0 && !names.Contains(t));
            if (unknown >= 0)
            {
                throw new FairMtlException(
                    DiagnosticCodes.UnknownReference,
                    table.Locate(task.Column, unknown),
                    $"column '{task.Column}' holds '{text[unknown]}', which is not one of the classes listed under '{path}.classes' ({DeclaredValues.Listed(names)})");
            }
        }
        else
        {
            names = present.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                ? [.. present.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture)).ThenBy(v => v, StringComparer.Ordinal)]
                : [.. present.Order(StringComparer.Ordinal)];
        }

        if (names.Length < 2 || names.Length > InputLimits.NamedEntries)
        {
            throw new FairMtlException(
                DiagnosticCodes.InvalidValue,
                source.Locate(path),
                $"multi-class task '{task.Name}' has {names.Length} classes in column '{task.Column}' (expected 2 to {InputLimits.NamedEntries})");
        }

        var index = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var values = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            values[r] = text[r].Length == 0 ? float.NaN : index[text[r]];
        }

        return new TaskLabels(values, 1, names);
    }
}
