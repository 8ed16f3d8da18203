using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// Attribute constants as YAML scalars the experiment reader reads back to the same values: strings double-quoted
/// (so that a column named <c>true</c> or <c>1</c> stays a string), numbers plain in round-trip form, enumeration
/// values by their YAML spelling.
/// </summary>
internal static class YamlScalarText
{
    public static string Of(TypedConstant constant) => constant.IsNull ? Quote(string.Empty) : constant.Value switch
    {
        string text => Quote(text),
        char character => Quote(character.ToString()),
        bool flag => flag ? "true" : "false",
        double number => Number(number),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        var other => Quote(other?.ToString() ?? string.Empty),
    };

    /// <summary>An enumeration constant by its YAML name; an undefined value stays a number (the reader rejects it).</summary>
    public static string Of<T>(TypedConstant constant, IReadOnlyList<(string Name, T Value)> names)
        where T : struct, Enum
    {
        if (constant.Value is IConvertible value)
        {
            var number = value.ToInt64(CultureInfo.InvariantCulture);
            foreach (var (name, member) in names)
            {
                if (Convert.ToInt64(member, CultureInfo.InvariantCulture) == number)
                {
                    return name;
                }
            }

            return number.ToString(CultureInfo.InvariantCulture);
        }

        return Quote(string.Empty);
    }

    public static string Number(double value) =>
        double.IsNaN(value) ? ".nan"
        : double.IsPositiveInfinity(value) ? ".inf"
        : double.IsNegativeInfinity(value) ? "-.inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A double-quoted YAML scalar on one line.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                default:
                    if (c < ' ' || (c >= '\u007f' && c <= '\u009f') || c == '\u2028' || c == '\u2029' || c == '\ufeff')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
