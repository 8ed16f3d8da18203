using System.Globalization;
using System.Net;

namespace FairMtl.Reports.Html;

/// <summary>Escaping and number display for the report page.</summary>
public static class HtmlText
{
    /// <summary>What joins a mean and its standard deviation in a cell.</summary>
    public const string PlusMinus = " ± ";

    /// <summary>A <c>mean ± sd</c> cell from two display numbers.</summary>
    public static string WithSpread(string mean, string spread) => mean + PlusMinus + spread;

    /// <summary>Text with the HTML special characters escaped.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// A stored number for reading: up to four decimals, below 0.001 to six decimals, below 1e-6 in scientific notation, integers as
    /// integers, non-numbers as they are.
    /// </summary>
    public static string Number(string stored)
    {
        if (!double.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || stored.Length == 0)
        {
            return stored;
        }

        return Number(value);
    }

    /// <summary>A number for reading (see <see cref="Number(string)"/>).</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "n/a" : value > 0 ? "∞" : "-∞";
        }

        var magnitude = Math.Abs(value);
        var text = magnitude != 0 && magnitude < 1e-6
            ? value.ToString("0.00e+00", CultureInfo.InvariantCulture)
            : magnitude < 1e-3 ? value.ToString("0.######", CultureInfo.InvariantCulture)
            : magnitude >= 1e5 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }
}
