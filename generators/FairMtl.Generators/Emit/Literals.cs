using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace FairMtl.Generators.Emit;

/// <summary>C# literals that reproduce a value exactly, independent of the build machine's culture.</summary>
internal static class Literals
{
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Char(char value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Round-trip text with a <c>d</c> suffix; the non-finite values by name.</summary>
    public static string Double(double value) =>
        double.IsNaN(value) ? "double.NaN"
        : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + "d";

    /// <summary>Round-trip text with an <c>f</c> suffix (finite values only).</summary>
    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    public static string Enum<T>(T value)
        where T : struct, System.Enum => $"global::FairMtl.Spec.{typeof(T).Name}.{value}";

    /// <summary>XML doc text: the characters XML gives a meaning escaped.</summary>
    public static string XmlText(string value) =>
        value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
