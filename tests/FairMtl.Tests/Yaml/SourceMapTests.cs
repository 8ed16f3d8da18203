using FairMtl.Diagnostics;
using FairMtl.Spec.Yaml;

namespace FairMtl.Tests.Yaml;

public class SourceMapTests
{
    private static readonly string BostonPath = RepositoryRoot.Experiment("boston.yaml");
    private static readonly string[] BostonLines = File.ReadAllText(BostonPath).Split('\n');

    [Theory]
    [InlineData("name", "name: boston", "boston")]
    [InlineData("data", "  file: data/boston/housing.data", "file")]
    [InlineData("data.file", "  file: data/boston/housing.data", "data/")]
    [InlineData("data.columns", "  columns: [CRIM", "[")]
    [InlineData("data.columns[13]", "  columns: [CRIM", "MEDV")]
    [InlineData("data.features.exclude", "    exclude: [MEDV, B]", "[")]
    [InlineData("data.features.exclude[1]", "    exclude: [MEDV, B]", "B]")]
    [InlineData("data.split.validation", "  split: {", "0.2, seed")]
    [InlineData("data.groups", "    column: B", "column")]
    [InlineData("data.groups.column", "    column: B", "B")]
    [InlineData("heads.z", "  z: {", "{")]
    [InlineData("heads.z.column", "  z: {", "B,")]
    [InlineData("loss", "loss: ", "alpha")]
    [InlineData("sweep.alpha", "  alpha: {", "{")]
    [InlineData("sweep.alpha.count", "  alpha: {", "50")]
    [InlineData("baseline.heads[0]", "  heads: [y]", "y]")]
    [InlineData("training.early_stopping.monitor", "  early_stopping:", "y,")]
    [InlineData("evaluation.pareto.disparity", "  pareto:", "mse, error")]
    public void Every_declared_value_is_located(string path, string linePrefix, string token)
    {
        var source = ExperimentYamlReader.Load(BostonPath).Source;

        source.Locate(path).ShouldBe(Expected(linePrefix, token));
    }

    [Fact]
    public void An_undeclared_path_falls_back_to_the_nearest_declared_parent()
    {
        var source = ExperimentYamlReader.Load(BostonPath).Source;

        source.Locate("data.groups.threshold").ShouldBe(source.Locate("data.groups"));
        source.Locate("model.trunk[5]").ShouldBe(source.Locate("model.trunk"));
    }

    private static SourceLocation Expected(string linePrefix, string token)
    {
        var index = Array.FindIndex(BostonLines, line => line.StartsWith(linePrefix, StringComparison.Ordinal));
        index.ShouldBeGreaterThanOrEqualTo(0, $"no line starts with '{linePrefix}'");
        var column = BostonLines[index].IndexOf(token, StringComparison.Ordinal);
        column.ShouldBeGreaterThanOrEqualTo(0);
        return new SourceLocation(BostonPath.Replace('\\', '/'), index + 1, column + 1);
    }
}
