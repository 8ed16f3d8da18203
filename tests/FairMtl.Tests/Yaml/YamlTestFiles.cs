using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;

namespace FairMtl.Tests.Yaml;

/// <summary>In-memory experiment files for the reader's tests.</summary>
internal static class YamlTestFiles
{
    public const string DisplayPath = "experiments/test.yaml";

    /// <summary>The smallest valid file: only the required keys.</summary>
    public const string Minimal = """
        name: t
        data:
          file: d.csv
          groups: { column: g }
        heads:
          y: { column: target }
        loss: y
        training:
          epochs: 3
        """;

    /// <summary>Two heads (y regression, z binary), a sweep variable and a validation split; lines 1-15.</summary>
    public const string TwoHeads = """
        name: t
        data:
          file: d.csv
          split: { validation: 0.2, statistics: training }
          groups: { column: g }
        heads:
          y: { column: target }
          z: { column: g, task: binary }
        loss: alpha * y + (5 - alpha) * z
        sweep:
          alpha: { from: 0, to: 4, count: 5 }
        training:
          epochs: 3
        evaluation:
          head: y
        """;

    public static LoadedExperiment Parse(string yaml) => ExperimentYamlReader.Parse(yaml, DisplayPath, "/base");

    public static FairMtlException Error(string yaml) => Should.Throw<FairMtlException>(() => Parse(yaml));

    /// <summary>Replaces the whole line that starts with <paramref name="linePrefix"/> (after indentation).</summary>
    public static string WithLine(this string yaml, string linePrefix, string replacement)
    {
        var lines = yaml.Split('\n');
        var index = Array.FindIndex(lines, line => line.TrimStart().StartsWith(linePrefix, StringComparison.Ordinal));
        if (index < 0)
        {
            throw new ArgumentException($"no line starts with '{linePrefix}'", nameof(linePrefix));
        }

        lines[index] = replacement;
        return string.Join('\n', lines);
    }

    public static void ShouldBeAt(this FairMtlException error, string code, int line, int column, string detail)
    {
        error.Message.ShouldBe($"{DisplayPath}({line},{column}): error {code}: {detail}");
        error.Code.ShouldBe(code);
        error.Location.ShouldBe(new SourceLocation(DisplayPath, line, column));
        error.Detail.ShouldBe(detail);
    }
}
