using FairMtl.Data;
using FairMtl.Diagnostics;

namespace FairMtl.Tests.Data;

public class OneHotEncodingTests
{
    private const string People = "id,color,size,score,y,g\n1,red,3.5,10,1,0\n2, blue ,1,20,0,1\n3,Zed,2,30,1,0\n4,blue,4,40,0,1\n";

    [Fact]
    public void A_categorical_input_becomes_one_indicator_per_category_in_ordinal_order_and_numbers_stay_raw()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", People);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  categorical: [color]", "  features: { exclude: [id] }");

        var table = DataYaml.Encode(experiment, text: [], numeric: ["y"], never: ["y", "g"]);

        // Ordinal order puts 'Zed' before 'blue'; the padded ' blue ' is the category 'blue'.
        table.FeatureNames.ShouldBe(["color=Zed", "color=blue", "color=red", "size", "score"]);
        table.FeatureColumns.ShouldBe(["color", "color", "color", "size", "score"]);
        table.IsIndicator.ShouldBe([true, true, true, false, false]);
        table.Rows.ShouldBe(4);
        table.Features.ShouldBe(
        [
            0, 0, 1, 3.5, 10,
            0, 1, 0, 1, 20,
            1, 0, 0, 2, 30,
            0, 1, 0, 4, 40,
        ]);
        table.Text("color").ShouldBe(["red", "blue", "Zed", "blue"]);
        table.Number("y").ShouldBe([1.0, 0.0, 1.0, 0.0]);
        table.Locate("color", 1).ShouldBe(new SourceLocation(DataYaml.Display(folder, "data.csv"), 3, 3));
        table.Files.ShouldHaveSingleItem().Rows.ShouldBe(4);
    }

    [Fact]
    public void A_listed_column_that_is_not_an_input_is_not_encoded_and_can_still_be_read_as_text()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", People);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  categorical: [color]", "  features: { include: [size] }");

        var table = DataYaml.Encode(experiment, text: ["color"], numeric: [], never: []);

        table.FeatureNames.ShouldBe(["size"]);
        table.IsIndicator.ShouldBe([false]);
        table.Text("color")[2].ShouldBe("Zed");
    }

    [Fact]
    public void A_text_value_in_a_numeric_input_is_located_and_hints_at_data_categorical()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", People.Replace("3,Zed,2,", "3,Zed,big,", StringComparison.Ordinal));
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  categorical: [color]", "  features: { exclude: [id] }");

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: ["y"], never: ["y", "g"]));

        error.Code.ShouldBe(DiagnosticCodes.NonNumeric);
        error.Location.ShouldBe(new SourceLocation(DataYaml.Display(folder, "data.csv"), 4, 7));
        error.Detail.ShouldBe(
            "non-numeric value 'big' in column 'size' (expected a number; to use it as a text input, list 'size' under data.categorical)");
    }

    [Fact]
    public void An_unknown_categorical_column_is_reported_at_its_list_item_with_the_nearest_column()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", People);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  categorical: [size, colour]");

        var error = Should.Throw<FairMtlException>(() => DataYaml.Encode(experiment, text: [], numeric: [], never: []));

        error.Message.ShouldBe(
            $"experiment.yaml(4,23): error FMTL004: unknown column 'colour' in data file '{DataYaml.Display(folder, "data.csv")}'; did you mean 'color'?");
    }

    [Fact]
    public void A_regression_experiment_one_hot_encodes_its_categorical_inputs_and_standardises_only_the_numeric_ones()
    {
        using var folder = new TempDataFolder();
        var rows = string.Concat(Enumerable.Range(0, 10).Select(i => $"{i * 1.5},{(i % 3 == 0 ? "b" : "a")},{i},{i % 2}\n"));
        folder.Write("data.csv", "x,c,y,g\n" + rows);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  categorical: [c]");

        var data = DataPreparation.Prepare(experiment);

        data.FeatureNames.ShouldBe(["x", "c=a", "c=b"]);
        var train = data.Train;
        var x = Enumerable.Range(0, train.Rows).Select(r => train.X[r * 3]).ToArray();
        x.Average().ShouldBe(0f, 1e-6f);
        for (var r = 0; r < train.Rows; r++)
        {
            var source = train.SourceRows[r];
            train.X[(r * 3) + 1].ShouldBe(source % 3 == 0 ? 0f : 1f);
            train.X[(r * 3) + 2].ShouldBe(source % 3 == 0 ? 1f : 0f);
        }
    }

    [Fact]
    public void A_regression_experiment_names_the_column_of_each_input_and_embeds_the_declared_ones()
    {
        using var folder = new TempDataFolder();
        var rows = string.Concat(Enumerable.Range(0, 10).Select(i => $"{i * 1.5},{(i % 3 == 0 ? "b" : "a")},{i},{i % 2}\n"));
        folder.Write("data.csv", "x,c,y,g\n" + rows);
        var experiment = DataYaml.Parse(folder, "  file: data.csv", "  categorical: [c]", "  embeddings: 5");

        var data = DataPreparation.Prepare(experiment);

        data.FeatureColumns.ShouldBe(["x", "c", "c"]);
        var embedding = FairMtl.Nn.InputEmbedding.For(data.FeatureColumns, experiment.Spec.Data.Embeddings, 4)!;
        (embedding.Inputs, embedding.Outputs).ShouldBe((3, 1 + 5));
    }
}
