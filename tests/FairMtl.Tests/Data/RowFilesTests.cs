using FairMtl.Data;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Yaml;

namespace FairMtl.Tests.Data;

public class RowFilesTests
{
    [Fact]
    public void Adult_rows_of_adult_data_come_first_then_those_of_adult_test()
    {
        var path = RepositoryRoot.Experiment("adult-sex.yaml");
        var experiment = ComparisonYamlReader.Parse(File.ReadAllText(path), "adult-sex.yaml", Path.GetDirectoryName(path)!);

        var table = TableEncoding.Load(
            experiment.Spec.Data, experiment.Source, experiment.BaseDirectory, ["income", "sex"], [], ["income", "sex"]);

        // 32561 - 2399 rows of adult.data and 16281 - 1221 of adult.test are left without '?'.
        table.RowFiles.ShouldBe(Enumerable.Repeat(0, 30162).Concat(Enumerable.Repeat(1, 15060)).ToArray());
        table.Files.Select(f => Path.GetFileName(f.DisplayPath)).ShouldBe(["adult.data", "adult.test"]);
    }

    [Fact]
    public void Filtered_and_dropped_rows_are_left_out_and_a_file_keeps_its_index()
    {
        using var folder = new TempDataFolder();
        folder.Write("main.csv", "a,y,g\n1,10,0\n?,20,1\n3,30,0\n");   // '?' in input a: dropped
        folder.Write("extra.csv", "a,y,g\n4,-40,1\n5,50,0\n");         // y = -40 fails the filter
        folder.Write("more.csv", "a,y,g\n6,-60,1\n7,70,0\n8,80,1\n");  // y = -60 fails the filter
        var experiment = DataYaml.Parse(
            folder,
            "  file: main.csv",
            "  append: [extra.csv, more.csv]",
            "  missing: [\"?\"]",
            "  filter: [y >= 0]",
            "  features: { include: [a] }");

        var table = DataYaml.Encode(experiment, text: [], numeric: ["y"], never: []);

        table.Number("y").ShouldBe([10.0, 30.0, 50.0, 70.0, 80.0]);
        table.RowFiles.ShouldBe([0, 0, 1, 2, 2]);
        (table.FilteredOut, table.DroppedMissing).ShouldBe((2, 1));
        for (var row = 0; row < table.Rows; row++)
        {
            table.Files[table.RowFiles[row]].DisplayPath.ShouldBe(table.Locate("y", row).File);
        }
    }
}
