using System.Text.RegularExpressions;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// Rewords the YAML reader's messages where their YAML wording would mislead for attributes: strings the lowering
/// quoted, duplicate mapping keys, and missing keys (which get the attribute property that sets them).
/// </summary>
internal static class AttributeMessages
{
    private static readonly Regex MissingKey = new("^missing required key '([^']+)' in '([^']+)'", RegexOptions.CultureInvariant);
    private static readonly Regex DuplicateKey = new("^duplicate key '([^']*)'$", RegexOptions.CultureInvariant);

    public static string Rewrite(string message)
    {
        message = message.Replace("the quoted string '", "'");
        var duplicate = DuplicateKey.Match(message);
        if (duplicate.Success)
        {
            return $"'{duplicate.Groups[1].Value}' is declared twice: heads and sweep variables need distinct names";
        }

        var missing = MissingKey.Match(message);
        if (missing.Success && Attribute(missing.Groups[2].Value) is { } attribute)
        {
            return $"{message}; set {Property(missing.Groups[1].Value)} in {attribute}";
        }

        return message;
    }

    private static string? Attribute(string path) => path switch
    {
        "data" => "[Dataset]",
        "data.groups" => "[Groups]",
        "training" => "[Training]",
        _ when path.StartsWith("sweep.", StringComparison.Ordinal) => "[Sweep]",
        _ when path.StartsWith("heads.", StringComparison.Ordinal) => "[Head]",
        _ => null,
    };

    /// <summary>The attribute property of a YAML key: <c>block_size</c> -> <c>BlockSize</c>.</summary>
    private static string Property(string key) =>
        string.Concat(key.Split('_').Where(word => word.Length > 0).Select(word => char.ToUpperInvariant(word[0]) + word.Substring(1)));
}
