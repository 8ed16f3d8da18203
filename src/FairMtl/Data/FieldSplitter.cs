using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// Splits one line of a data file into fields. Shared as source with the source generator, which splits data file
/// headers the same way at build time (so it is written for netstandard2.0 too).
/// </summary>
internal static class FieldSplitter
{
    /// <summary>True when the line holds nothing but spaces and tabs.</summary>
    public static bool IsBlank(string line)
    {
        foreach (var c in line)
        {
            if (c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The fields of <paramref name="line"/>; <paramref name="lineLocation"/> locates errors. More than
    /// <see cref="InputLimits.DataColumns"/> fields is FMTL018 at the first field past the limit.
    /// </summary>
    public static List<TextField> Split(string line, DataFormat format, char delimiter, SourceLocation lineLocation) =>
        format == DataFormat.Whitespace ? SplitWhitespace(line, lineLocation) : SplitDelimited(line, delimiter, lineLocation);

    private static void Add(List<TextField> fields, TextField field, SourceLocation lineLocation)
    {
        if (fields.Count == InputLimits.DataColumns)
        {
            throw new FairMtlException(
                DiagnosticCodes.InputLimit,
                lineLocation with { Column = field.Column },
                $"this line has more than {InputLimits.DataColumns} fields (expected at most {InputLimits.DataColumns} columns)");
        }

        fields.Add(field);
    }

    private static List<TextField> SplitWhitespace(string line, SourceLocation lineLocation)
    {
        var fields = new List<TextField>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] is (' ' or '\t'))
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            var start = i;
            while (i < line.Length && line[i] is not (' ' or '\t'))
            {
                i++;
            }

            Add(fields, new TextField(line.Substring(start, i - start), start + 1), lineLocation);
        }

        return fields;
    }

    private static List<TextField> SplitDelimited(string line, char delimiter, SourceLocation lineLocation)
    {
        var fields = new List<TextField>();
        var i = 0;
        while (true)
        {
            var start = i;
            if (i < line.Length && line[i] == '"')
            {
                var value = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FairMtlException(
                            DiagnosticCodes.DataFile,
                            lineLocation with { Column = start + 1 },
                            "unterminated quoted field (expected a closing '\"' on the same line)");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            value.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(line[i]);
                    i++;
                }

                if (i < line.Length && line[i] != delimiter)
                {
                    throw new FairMtlException(
                        DiagnosticCodes.DataFile,
                        lineLocation with { Column = i + 1 },
                        $"unexpected '{line[i]}' after a quoted field (expected the delimiter '{delimiter}' or the end of the line)");
                }

                Add(fields, new TextField(value.ToString(), start + 1), lineLocation);
            }
            else
            {
                var end = line.IndexOf(delimiter, i);
                if (end < 0)
                {
                    end = line.Length;
                }

                Add(fields, new TextField(line.Substring(start, end - start), start + 1), lineLocation);
                i = end;
            }

            if (i >= line.Length)
            {
                return fields;
            }

            i++;
        }
    }
}
