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

    /// <summary>The fields of <paramref name="line"/>; <paramref name="lineLocation"/> locates errors.</summary>
    public static List<TextField> Split(string line, DataFormat format, char delimiter, SourceLocation lineLocation) =>
        format == DataFormat.Whitespace ? SplitWhitespace(line) : SplitDelimited(line, delimiter, lineLocation);

    private static List<TextField> SplitWhitespace(string line)
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

            fields.Add(new TextField(line.Substring(start, i - start), start + 1));
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

                fields.Add(new TextField(value.ToString(), start + 1));
            }
            else
            {
                var end = line.IndexOf(delimiter, i);
                if (end < 0)
                {
                    end = line.Length;
                }

                fields.Add(new TextField(line.Substring(start, end - start), start + 1));
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
