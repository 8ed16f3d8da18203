using System.Globalization;
using System.Text;

namespace FairMtl.Reports.Figures;

/// <summary>
/// What SVG output needs to be byte-deterministic and valid: coordinates rounded to two decimals in the invariant
/// culture, escaped text, and a width estimate for laying out labels without a font engine.
/// </summary>
public static class SvgText
{
    /// <summary>A coordinate: at most two decimals, no exponent, never <c>-0</c>.</summary>
    public static string Number(double value)
    {
        var text = Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>Text or attribute content with the XML special characters escaped.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// The width of <paramref name="text"/> in a sans-serif font of <paramref name="size"/> px, estimated from character
    /// classes (generous, so that labels laid out with it do not collide).
    /// </summary>
    public static double Width(string text, double size)
    {
        var units = 0.0;
        foreach (var c in text)
        {
            units += c switch
            {
                'i' or 'l' or 'j' or '.' or ',' or ':' or ';' or '|' or '!' or '\'' or ' ' => 0.34,
                't' or 'f' or 'r' or '(' or ')' or '[' or ']' => 0.42,
                'm' or 'w' or 'M' or 'W' or '%' or '@' => 0.9,
                >= 'A' and <= 'Z' => 0.7,
                _ => 0.64,
            };
        }

        return units * size;
    }
}
