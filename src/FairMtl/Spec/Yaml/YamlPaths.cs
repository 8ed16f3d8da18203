namespace FairMtl.Spec.Yaml;

/// <summary>Dotted spec paths as used by <see cref="SpecSourceMap"/>: <c>data.features.exclude[1]</c>.</summary>
internal static class YamlPaths
{
    public static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Element(string path, int index) => $"{path}[{index}]";

    /// <summary>"in 'training.optimizer'" or, for the root, "at the top level".</summary>
    public static string Describe(string path) => path.Length == 0 ? "at the top level" : $"in '{path}'";
}
