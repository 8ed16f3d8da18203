using System.Security.Cryptography;
using System.Text;

namespace FairMtl.Spec;

/// <summary>
/// The SHA-256 (lowercase hex) of a declaration's text as UTF-8. The source generator records it for every compiled
/// YAML experiment, so that the host can tell that a file passed by path is still the one that was compiled and use
/// the compiled spec without reading the YAML again. Shared with the generator (netstandard2.0).
/// </summary>
public static class DeclarationHash
{
    /// <summary>The hash of <paramref name="text"/>.</summary>
    public static string Of(string text)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var hex = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
