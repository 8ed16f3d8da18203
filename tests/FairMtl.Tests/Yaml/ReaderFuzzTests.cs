using System.Diagnostics;
using System.Text;
using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;

namespace FairMtl.Tests.Yaml;

/// <summary>
/// Seeded, bounded fuzzing of the readers: mutations of every shipped experiment file and of a data file (lines
/// deleted, duplicated and swapped, random characters, truncation, random indentation, huge numbers) either read or
/// fail with a located FMTL error, never with any other exception, and none takes longer than a bound.
/// </summary>
public class ReaderFuzzTests
{
    private const int Seed = 20261204;
    private const int MutationsPerExperiment = 1000;
    private const int DataMutations = 400;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(2);

    /// <summary>Characters that mean something to YAML, CSV or number parsing, and some that mean nothing.</summary>
    private const string Alphabet = "[]{}:,-&*!|>'\"#%@`?\\ \t\n\r0123456789.eE+-_azAZ\u00e9\u2028\u0000\ufeff";

    [Fact]
    public void Mutated_experiment_files_read_or_fail_with_a_located_error()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var files = Directory.GetFiles(TestExperiments.ExperimentsDirectory, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        files.Length.ShouldBeGreaterThanOrEqualTo(10);
        var outcomes = new Dictionary<string, int>();
        foreach (var file in files)
        {
            var original = File.ReadAllText(file);
            for (var i = 0; i < MutationsPerExperiment; i++)
            {
                var text = Mutate(original, random);
                var outcome = Classify(() => ReadExperiment(text), $"{Path.GetFileName(file)} #{i}", failures);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }

        failures.ShouldBeEmpty(string.Join("\n\n", failures.Take(5)));
        outcomes.GetValueOrDefault("read").ShouldBeGreaterThan(0, "some mutations leave a valid file");
        outcomes.Keys.Count(key => key.StartsWith("FMTL", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(5, string.Join(", ", outcomes));
    }

    [Fact]
    public void Mutated_data_files_read_or_fail_with_a_located_error()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        using var folder = new TempDataFolder();
        var all = File.ReadAllLines(Path.Combine(TestExperiments.ExperimentsDirectory, "data/parkinsons-telemonitoring/parkinsons_updrs.data"));
        var lines = all.Take(1).Concat(all.Skip(1).Where((_, i) => i % 40 == 0)); // the header and 147 rows of both groups
        var original = string.Join('\n', lines) + "\n";
        var dataPath = folder.Write("fuzz.data", original).Replace('\\', '/');
        var experiment = ExperimentYamlReader.Load(HostRun.SmallExperiment(folder, "parkinson", text => System.Text.RegularExpressions.Regex.Replace(
            text, "file: .*parkinsons_updrs.data", "file: " + dataPath)));
        DataPreparation.Prepare(experiment).Train.Rows.ShouldBeGreaterThan(0);

        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < DataMutations; i++)
        {
            File.WriteAllText(dataPath, Mutate(original, random));
            var outcome = Classify(() => DataPreparation.Prepare(experiment), $"data #{i}", failures);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        failures.ShouldBeEmpty(string.Join("\n\n", failures.Take(5)));
        outcomes.GetValueOrDefault("read").ShouldBeGreaterThan(0, string.Join(", ", outcomes));
        outcomes.Keys.Count(key => key.StartsWith("FMTL", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3, string.Join(", ", outcomes));
    }

    private static void ReadExperiment(string text)
    {
        var folder = TestExperiments.ExperimentsDirectory;
        if (ComparisonYamlReader.Declares(text))
        {
            ModelCount.Check(ComparisonYamlReader.Parse(text, "fuzz.yaml", folder), InputLimits.DefaultMaxModels);
        }
        else
        {
            ModelCount.Check(ExperimentYamlReader.Parse(text, "fuzz.yaml", folder), InputLimits.DefaultMaxModels);
        }
    }

    /// <summary>"read", the FMTL code, or (recorded in <paramref name="failures"/>) anything else.</summary>
    private static string Classify(Action read, string what, List<string> failures)
    {
        var stopwatch = Stopwatch.StartNew();
        string outcome;
        try
        {
            read();
            outcome = "read";
        }
        catch (FairMtlException e)
        {
            outcome = e.Code;
            if (e.Location is not { Line: >= 1, Column: >= 1 })
            {
                failures.Add($"{what}: error without a line and column: {e.Message}");
            }
        }
        catch (Exception e)
        {
            outcome = e.GetType().Name;
            failures.Add($"{what}: {e}");
        }

        if (stopwatch.Elapsed > PerCase)
        {
            failures.Add($"{what}: took {stopwatch.Elapsed.TotalSeconds:F1} s (bound {PerCase.TotalSeconds} s)");
        }

        return outcome;
    }

    /// <summary>One to three random edits of <paramref name="text"/>.</summary>
    private static string Mutate(string text, Random random)
    {
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var lines = text.Split('\n').ToList();
            var line = random.Next(lines.Count);
            switch (random.Next(8))
            {
                case 0:
                    lines.RemoveAt(line);
                    break;
                case 1:
                    lines.Insert(line, lines[line]);
                    break;
                case 2:
                    (lines[line], lines[random.Next(lines.Count)]) = (lines[random.Next(lines.Count)], lines[line]);
                    break;
                case 3:
                    var position = random.Next(lines[line].Length + 1);
                    var inserted = new StringBuilder();
                    for (var k = random.Next(1, 6); k > 0; k--)
                    {
                        inserted.Append(Alphabet[random.Next(Alphabet.Length)]);
                    }

                    lines[line] = lines[line].Insert(position, inserted.ToString());
                    break;
                case 4:
                    return string.Join('\n', lines)[..random.Next(text.Length + 1)];
                case 5:
                    var trimmed = lines[line].TrimStart(' ');
                    lines[line] = new string(' ', random.Next(0, 9)) + trimmed;
                    break;
                case 6:
                    lines[line] = System.Text.RegularExpressions.Regex.Replace(
                        lines[line], @"\d+", _ => random.Next(3) switch { 0 => "1000000000000", 1 => "99999999999999999999", _ => "-1" });
                    break;
                default:
                    if (lines[line].Length > 0)
                    {
                        var at = random.Next(lines[line].Length);
                        lines[line] = lines[line].Remove(at, 1);
                    }

                    break;
            }

            text = string.Join('\n', lines);
        }

        return text;
    }
}
