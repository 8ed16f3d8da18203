namespace FairMtl.Spec.Yaml;

/// <summary>Names the loss expression can refer to: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
internal static class Identifiers
{
    public const string Rule = "an identifier (letters, digits and '_', not starting with a digit)";

    public static bool IsValid(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
