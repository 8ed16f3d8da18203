using FairMtl.Data;
using FairMtl.Spec;

namespace FairMtl.Tests.Data;

/// <summary>
/// The classification datasets copied under <c>experiments/data</c>, read with the new data keys. Expected counts are
/// those of each PROVENANCE.md and of the usual pandas pipelines (ProPublica's COMPAS filters give 6172 rows; Adult
/// without the rows holding '?' gives 30162 + 15060 rows).
/// </summary>
public class ClassificationDatasetTests
{
    private static readonly string[] AdultColumns =
    [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race",
        "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ];

    private static readonly string[] AdultCategorical =
        ["workclass", "education", "marital-status", "occupation", "relationship", "race", "native-country"];

    [Fact]
    public void Adult_data_and_test_without_missing_values_have_45222_rows_and_the_test_labels_keep_their_period()
    {
        var data = Base("data/adult/adult.data") with
        {
            Header = false,
            Columns = AdultColumns,
            Append = new[] { new AppendedFile("data/adult/adult.test", 1) },
            Missing = new[] { "?" },
            Categorical = AdultCategorical,
            Features = new FeatureSelection(EquatableArray<string>.Empty, new[] { "fnlwgt" }),
        };

        var table = Load(data, text: ["income", "sex"], numeric: [], never: ["income", "sex"]);

        table.Rows.ShouldBe(45222);
        table.RowsRead.ShouldBe(32561 + 16281);
        table.DroppedMissing.ShouldBe(2399 + 1221);
        table.FilteredOut.ShouldBe(0);
        table.Files.Select(f => (Path.GetFileName(f.DisplayPath), f.Sha256, f.Rows)).ShouldBe(
        [
            ("adult.data", "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d", 32561),
            ("adult.test", "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05", 16281),
        ]);
        var income = table.Text("income");
        income.Take(30162).Distinct().Order(StringComparer.Ordinal).ShouldBe(["<=50K", ">50K"]);
        income.Skip(30162).Distinct().Order(StringComparer.Ordinal).ShouldBe(["<=50K.", ">50K."]);
        table.Text("sex").Count(s => s == "Female").ShouldBe(14695);

        // The junk first line of adult.test is skipped, and its line numbers are the file's own.
        var firstTestRow = table.Locate("income", 30162);
        Path.GetFileName(firstTestRow.File).ShouldBe("adult.test");
        firstTestRow.Line.ShouldBe(2);

        // 5 numeric inputs, then 96 indicators: every category of the 7 categorical columns, none dropped.
        table.FeatureNames.Count.ShouldBe(5 + 96);
        table.IsIndicator.Count(i => i).ShouldBe(96);
        table.FeatureNames.Take(4).ShouldBe(["age", "workclass=Federal-gov", "workclass=Local-gov", "workclass=Private"]);
        table.FeatureNames.ShouldNotContain("workclass=?");
        table.FeatureNames.ShouldNotContain("sex=Male");
    }

    [Fact]
    public void Compas_with_propublicas_five_filters_has_6172_rows_and_its_identical_duplicate_columns_are_usable()
    {
        var data = Base("data/compas/compas-scores-two-years.csv") with
        {
            Filters = new[]
            {
                new RowFilter("days_b_screening_arrest", FilterOperator.LessOrEqual, "30"),
                new RowFilter("days_b_screening_arrest", FilterOperator.GreaterOrEqual, "-30"),
                new RowFilter("is_recid", FilterOperator.NotEqual, "-1"),
                new RowFilter("c_charge_degree", FilterOperator.NotEqual, "O"),
                new RowFilter("score_text", FilterOperator.NotEqual, "N/A"),
            },
            Categorical = new[] { "age_cat", "c_charge_degree" },
            Features = new FeatureSelection(new[] { "age_cat", "priors_count", "decile_score", "c_charge_degree" }, EquatableArray<string>.Empty),
        };

        var table = Load(data, text: ["race", "sex"], numeric: ["two_year_recid"], never: []);

        table.Rows.ShouldBe(6172);
        table.RowsRead.ShouldBe(7214);
        table.FilteredOut.ShouldBe(7214 - 6172);
        table.Files.ShouldHaveSingleItem().Sha256.ShouldBe("c451db85908b2f7fef1d83203bedf6b71ecda0d5af468d82ae62178f91d0cc7d");
        table.FeatureNames.ShouldBe(
        [
            "age_cat=25 - 45", "age_cat=Greater than 45", "age_cat=Less than 25", "priors_count", "decile_score",
            "c_charge_degree=F", "c_charge_degree=M",
        ]);
        table.Number("two_year_recid").All(v => v is 0 or 1).ShouldBeTrue();
        table.Text("race").Distinct().Count().ShouldBe(6);
    }

    [Fact]
    public void Bank_marketing_reads_45211_rows_with_semicolons_and_quoted_fields()
    {
        var data = Base("data/bank-marketing/bank-full.csv") with
        {
            Delimiter = ';',
            Categorical = new[] { "job", "marital", "education", "default", "housing", "loan", "contact", "month", "poutcome" },
            Features = new FeatureSelection(EquatableArray<string>.Empty, new[] { "duration" }),
        };

        var table = Load(data, text: ["y", "marital"], numeric: ["age"], never: ["y"]);

        table.Rows.ShouldBe(45211);
        table.Files.ShouldHaveSingleItem().Sha256.ShouldBe("d1513ec63b385506f7cfce9f2c5caa9fe99e7ba4e8c3fa264b3aaf0f849ed32d");
        table.Text("y").Count(v => v == "yes").ShouldBe(5289);
        table.Text("marital").Count(v => v == "married").ShouldBe(27214);
        table.Number("age").Count(a => a < 25).ShouldBe(809);
        table.Text("job")[0].ShouldBe("management");
        table.FeatureNames.Where(n => n.StartsWith("job=", StringComparison.Ordinal)).ShouldBe(
        [
            "job=admin.", "job=blue-collar", "job=entrepreneur", "job=housemaid", "job=management", "job=retired",
            "job=self-employed", "job=services", "job=student", "job=technician", "job=unemployed", "job=unknown",
        ]);
        table.FeatureNames.ShouldContain("marital=single");
        table.FeatureNames.ShouldNotContain("duration");
    }

    private static DataSpec Base(string file) => TestExperiments.ParkinsonLikeSpec(file).Data;

    private static EncodedTable Load(DataSpec data, string[] text, string[] numeric, string[] never) =>
        TableEncoding.Load(data, TestExperiments.SourceMap(), TestExperiments.ExperimentsDirectory, text, numeric, never);
}
