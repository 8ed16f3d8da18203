using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>The hint after an unknown key: the nearest valid key, or the list of valid keys.</summary>
internal static class YamlKeySuggestions
{
    /// <summary>"; did you mean 'lr'?" or "; valid keys: a, b, c".</summary>
    public static string Suggest(string key, IReadOnlyList<string> validKeys)
    {
        var nearest = Nearest(key, validKeys);
        return nearest is null
            ? $"; valid keys: {string.Join(", ", validKeys)}"
            : $"; did you mean '{nearest}'?";
    }

    /// <summary>
    /// By edit distance first; then abbreviations (<c>learning_rate</c> for <c>lr</c>, <c>bn</c> for <c>batch_norm</c>),
    /// which edit distance misses; then a shared prefix (<c>block</c> for <c>block_size</c>).
    /// </summary>
    public static string? Nearest(string key, IReadOnlyList<string> validKeys)
    {
        var nearest = NameSuggestions.Nearest(key, validKeys);
        if (nearest is not null)
        {
            return nearest;
        }

        var lower = key.ToLowerInvariant();
        foreach (var candidate in validKeys)
        {
            if (Initials(lower) == candidate || Initials(candidate) == lower)
            {
                return candidate;
            }
        }

        foreach (var candidate in validKeys)
        {
            if (lower.Length >= 3 && (candidate.StartsWith(lower, StringComparison.Ordinal) || lower.StartsWith(candidate, StringComparison.Ordinal)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>First letters of the words of a snake_case or kebab-case name; null for a single word.</summary>
    private static string? Initials(string name)
    {
        var words = name.Split(['_', '-'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length < 2 ? null : string.Concat(words.Select(word => word[0]));
    }
}
