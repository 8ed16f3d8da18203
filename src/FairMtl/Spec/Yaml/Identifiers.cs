namespace FairMtl.Spec.Yaml;

/// <summary>Names the loss expression can refer to: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
internal static class Identifiers
{
    public const string Rule = "an identifier (letters, digits and '_', not starting with a digit)";

    public static bool IsValid(string name)
    {
        if (name.Length == 0 || IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>0-9 (char.IsAsciiDigit is not in netstandard2.0, which the generator targets).</summary>
    public static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

    /// <summary>A-Z, a-z or 0-9.</summary>
    public static bool IsAsciiLetterOrDigit(char c) => IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
