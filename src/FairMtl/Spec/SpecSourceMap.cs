using FairMtl.Diagnostics;

namespace FairMtl.Spec;

/// <summary>
/// Where each part of a spec was declared, keyed by its path in the spec (<c>data.features.exclude[1]</c>,
/// <c>heads.z.column</c>, <c>sweep.alpha.count</c>). Later stages use it to point errors at the declaration.
/// </summary>
public sealed class SpecSourceMap
{
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    public SpecSourceMap(string file) => File = file;

    /// <summary>The experiment file as the user named it.</summary>
    public string File { get; }

    /// <summary>Records the location of a path (the first record wins).</summary>
    public void Add(string path, SourceLocation location)
    {
        if (!_locations.ContainsKey(path))
        {
            _locations.Add(path, location);
        }
    }

    /// <summary>
    /// The location of <paramref name="path"/>, or of its nearest recorded parent (<c>a.b[2]</c> -> <c>a.b</c> -> <c>a</c>),
    /// or the file itself.
    /// </summary>
    public SourceLocation Locate(string path)
    {
        var current = path;
        while (current.Length > 0)
        {
            if (_locations.TryGetValue(current, out var location))
            {
                return location;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            current = cut > 0 ? current.Substring(0, cut) : string.Empty;
        }

        return SourceLocation.OfFile(File);
    }
}
