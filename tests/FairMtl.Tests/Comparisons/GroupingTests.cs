using System.Globalization;
using System.Text;
using FairMtl.Comparisons;
using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Comparisons;

/// <summary>
/// A comparison's sensitive attributes take the grouping rules of a sweep's <c>data.groups</c> (one reader, one model),
/// and <c>data.split.statistics</c> chooses the rows that standardise its inputs.
/// </summary>
public class GroupingTests
{
    private const string Yaml = """
        name: grouping
        data:
          file: data.csv
          features: { include: [x1, x2] }
        tasks:
          y: { column: label, positive: ["yes"] }
        sensitive:
          s: { column: group, privileged: [A] }
        methods:
          STL: { kind: single-task }
        protocol: { repetitions: 1, seed: 3 }
        training: { epochs: 1 }
        """;

    [Theory]
    [InlineData("s: { column: coded, rule: binary }")]
    [InlineData("s: { column: coded, rule: threshold, threshold: 0.5 }")]
    [InlineData("s: { column: coded, range: [1, 1] }")]
    [InlineData("s: { column: group, rule: categories, labels: [a, b] }")]
    public void Every_rule_that_names_the_same_rows_gives_the_same_groups(string attribute)
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", Csv());
        var privileged = Load(folder, Yaml).Attributes[0];

        var other = Load(folder, Yaml.Replace("s: { column: group, privileged: [A] }", attribute, StringComparison.Ordinal)).Attributes[0];

        // Categories orders A before B, so A is group 0 there: the same partition with the indices swapped.
        var expected = attribute.Contains("categories", StringComparison.Ordinal) ? privileged.Groups.Select(g => 1 - g).ToArray() : privileged.Groups;
        other.Groups.ShouldBe(expected);
        other.Count.ShouldBe(2);
    }

    [Fact]
    public void Labels_name_the_groups_and_must_name_each_of_them()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", Csv());
        Load(folder, Yaml.Replace("privileged: [A] }", "privileged: [A], labels: [others, a] }", StringComparison.Ordinal)).Attributes[0].Names.ShouldBe(["others", "a"]);
        Load(folder, Yaml.Replace("privileged: [A] }", "rule: threshold, threshold: 0.5 }", StringComparison.Ordinal).Replace("column: group", "column: coded", StringComparison.Ordinal))
            .Attributes[0].Names.ShouldBe(["coded <= 0.5", "coded > 0.5"]);

        var error = Should.Throw<FairMtlException>(() => Load(folder, Yaml.Replace("s: { column: group, privileged: [A] }", "s: { column: c, labels: [p, q] }", StringComparison.Ordinal)));

        error.Code.ShouldBe(DiagnosticCodes.Groups);
        error.Detail.ShouldBe("'sensitive.s.labels' names 2 groups, but column 'c' makes 3 (p, q, r); expected one label per group, or no labels (the groups are then named by their values)");
    }

    [Fact]
    public void A_median_rule_in_a_comparison_is_refused_at_the_rule()
    {
        var error = Should.Throw<FairMtlException>(() => ComparisonYamlReader.Parse(
            Yaml.Replace("s: { column: group, privileged: [A] }", "s: { column: coded, rule: median }", StringComparison.Ordinal), "grouping.yaml", "."));

        error.Code.ShouldBe(DiagnosticCodes.UnknownReference);
        error.Location!.Line.ShouldBe(8);
        error.Detail.ShouldStartWith("'rule: median' splits at the median of a sweep's test rows; a comparison's repetitions have different test rows");
    }

    [Theory]
    [InlineData(StatisticsRows.Training, "training")]
    [InlineData(StatisticsRows.TrainingAndValidation, "training-and-validation")]
    public void Statistics_choose_the_rows_whose_mean_and_sd_standardise_the_inputs(StatisticsRows statistics, string spelling)
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", Csv());
        var yaml = Yaml.Replace("  features: { include: [x1, x2] }", $"  features: {{ include: [x1, x2] }}\n  split: {{ test: 0.2, validation: 0.25, statistics: {spelling} }}", StringComparison.Ordinal);
        var loaded = ComparisonYamlReader.Parse(yaml, "grouping.yaml", folder.Path);
        loaded.Spec.Data.Split.Statistics.ShouldBe(statistics);
        var data = ComparisonData.Load(loaded);

        var repetition = data.Split(0);

        var fitted = statistics == StatisticsRows.Training ? [repetition.Train] : new[] { repetition.Train, repetition.Validation };
        var x1 = fitted.SelectMany(part => Enumerable.Range(0, part.Rows).Select(i => (double)part.X[i * 2])).ToArray();
        x1.Average().ShouldBe(0, 1e-6, "the fitted rows' standardised mean is 0");
        Math.Sqrt(x1.Select(v => v * v).Average()).ShouldBe(1, 1e-5, "and their population sd 1");
        var other = statistics == StatisticsRows.Training ? repetition.Validation : repetition.Test;
        Math.Abs(Enumerable.Range(0, other.Rows).Average(i => (double)other.X[i * 2])).ShouldBeGreaterThan(1e-4, "rows outside the fit are not centred exactly");
    }

    private static ComparisonData Load(TempDataFolder folder, string yaml) =>
        ComparisonData.Load(ComparisonYamlReader.Parse(yaml, "grouping.yaml", folder.Path));

    private static string Csv()
    {
        var random = new Random(5);
        var csv = new StringBuilder("x1,x2,c,group,coded,label\n");
        for (var i = 0; i < 400; i++)
        {
            var isA = random.NextDouble() < 0.4;
            var x1 = (random.NextDouble() * 4) - 2 + (isA ? 0.8 : -0.8);
            csv.Append(CultureInfo.InvariantCulture, $"{x1:R},{random.NextDouble():R},{"pqr"[i % 3]},{(isA ? "A" : "B")},{(isA ? 1 : 0)},{(x1 > 0.3 ? "yes" : "no")}\n");
        }

        return csv.ToString();
    }
}
