namespace FairMtl.Generators.Tests;

/// <summary>Comparison experiments (a YAML file with <c>methods</c>): validated at build time, no generated code.</summary>
public sealed class ComparisonTests
{
    private const string CompasYaml = "experiments/compas-race.yaml";
    private const string CompasData = "experiments/data/compas/compas-scores-two-years.csv";

    private static string Compas => GeneratorHarness.ReadRepoFile(CompasYaml);

    [Fact]
    public void A_valid_comparison_gets_no_diagnostic_and_no_generated_type_but_a_registry_entry_with_its_yaml()
    {
        var run = GeneratorHarness.Run([GeneratorHarness.RepoFile(CompasYaml), GeneratorHarness.RepoFile(CompasData), .. Experiments.All()]);

        run.Diagnostics.ShouldBeEmpty();
        run.OutputProblems.ShouldBeEmpty();
        run.HintNames.ShouldNotContain(name => name.Contains("Compas", StringComparison.OrdinalIgnoreCase));
        var registry = run.Source(run.HintNames.Single(name => name.Contains("Registry", StringComparison.Ordinal)));
        registry.ShouldContain($"new global::FairMtl.Compiled.CompiledComparison(\"compas-race\", \"{GeneratorHarness.Root}{CompasYaml}\", ");
        registry.ShouldContain(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(Compas, quote: true));
    }

    [Fact]
    public void A_comparison_with_a_mistake_gets_no_registry_entry()
    {
        var broken = Compas.Replace("MTL-GLF: { kind: auxiliary, loss: glf", "MTL-GLF: { kind: auxiliary, loss: dpl", StringComparison.Ordinal);

        var run = GeneratorHarness.Run([GeneratorHarness.Text(CompasYaml, broken), .. Experiments.All()]);

        run.Diagnostics.Select(d => d.Id).ShouldBe(["FMTL003"]);
        run.Source(run.HintNames.Single(name => name.Contains("Registry", StringComparison.Ordinal))).ShouldNotContain("compas-race");
    }

    [Fact]
    public void A_mistake_in_a_method_is_a_build_error_at_the_value()
    {
        var broken = Compas.Replace("MTL-GLF: { kind: auxiliary, loss: glf", "MTL-GLF: { kind: auxiliary, loss: dpl", StringComparison.Ordinal);
        var (line, at) = GeneratorHarness.Find(broken, "MTL-GLF: { kind: auxiliary, loss: dpl");
        var column = at + "MTL-GLF: { kind: auxiliary, loss: ".Length;

        var run = GeneratorHarness.Run([GeneratorHarness.Text(CompasYaml, broken)]);

        run.DiagnosticLines.ShouldBe(
        [
            $"FMTL003 {CompasYaml}({line},{column}): 'methods.MTL-GLF.loss' must be glf, gld or bgl (the auxiliary fairness heads train with "
            + "a loss of their group losses), got 'dpl'",
        ]);
    }

    [Fact]
    public void Task_sensitive_and_feature_columns_are_checked_against_the_data_header()
    {
        foreach (var (from, to, column) in new[]
        {
            ("column: two_year_recid", "column: two_year_recidd", "two_year_recidd"),
            ("race: { column: race,", "race: { column: Race,", "Race"),
            ("juv_misd_count,", "juv_misd_cnt,", "juv_misd_cnt"),
        })
        {
            var broken = Compas.Replace(from, to, StringComparison.Ordinal);
            broken.ShouldNotBe(Compas);
            var (line, position) = GeneratorHarness.Find(broken, column + (column == "juv_misd_cnt" ? "," : string.Empty));

            var run = GeneratorHarness.Run([GeneratorHarness.Text(CompasYaml, broken), GeneratorHarness.RepoFile(CompasData)]);

            run.DiagnosticLines.ShouldHaveSingleItem().ShouldStartWith(
                $"FMTL004 {CompasYaml}({line},{position}): unknown column '{column}' in data file 'data/compas/compas-scores-two-years.csv'");
        }
    }

    [Fact]
    public void Embeddings_of_a_column_that_is_not_categorical_are_a_build_error_at_the_column()
    {
        var categorical = Compas.Split('\n').Single(line => line.TrimStart().StartsWith("categorical:", StringComparison.Ordinal));
        var indent = categorical[..(categorical.Length - categorical.TrimStart().Length)];
        var valid = Compas.Replace(categorical, categorical + "\n" + indent + "embeddings: 3", StringComparison.Ordinal);
        var broken = Compas.Replace(categorical, categorical + "\n" + indent + "embeddings: { priors_count: 3 }", StringComparison.Ordinal);
        var (line, at) = GeneratorHarness.Find(broken, "priors_count: 3");

        GeneratorHarness.Run([GeneratorHarness.Text(CompasYaml, valid), GeneratorHarness.RepoFile(CompasData)]).Diagnostics.ShouldBeEmpty();
        var run = GeneratorHarness.Run([GeneratorHarness.Text(CompasYaml, broken), GeneratorHarness.RepoFile(CompasData)]);

        run.DiagnosticLines.ShouldHaveSingleItem().ShouldStartWith(
            $"FMTL003 {CompasYaml}({line},{at + "priors_count: ".Length}): 'data.embeddings.priors_count' embeds column 'priors_count', which 'data.categorical' does not list");
    }
}
