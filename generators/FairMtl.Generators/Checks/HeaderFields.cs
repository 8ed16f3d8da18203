using System.Text;

namespace FairMtl.Generators.Checks;

/// <summary>
/// The column names of a header line, split the way the runtime's data reader splits it: runs of spaces and tabs for
/// whitespace files, else the delimiter with double-quoted fields (<c>""</c> escapes a quote); names are trimmed.
/// </summary>
internal static class HeaderFields
{
    /// <summary>The names, or null when the line cannot be split (the runtime reports that as FMTL010).</summary>
    public static string[]? Split(string line, bool whitespace, char delimiter) =>
        whitespace ? SplitWhitespace(line) : SplitDelimited(line, delimiter);

    private static string[] SplitWhitespace(string line) =>
        line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);

    private static string[]? SplitDelimited(string line, char delimiter)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return null;
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
                    return null;
                }

                fields.Add(value.ToString().Trim());
            }
            else
            {
                var end = line.IndexOf(delimiter, i);
                if (end < 0)
                {
                    end = line.Length;
                }

                fields.Add(line.Substring(i, end - i).Trim());
                i = end;
            }

            if (i >= line.Length)
            {
                return fields.ToArray();
            }

            i++;
        }
    }
}
