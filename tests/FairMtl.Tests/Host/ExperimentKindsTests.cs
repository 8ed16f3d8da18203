using FairMtl.Compiled;
using FairMtl.Diagnostics;
using FairMtl.Generated;
using FairMtl.Host.Cli;
using FairMtl.Host.Kinds;
using FairMtl.Host.Running;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>Every kind of experiment is listed and runs by name or by file, through one registry of kinds.</summary>
public class ExperimentKindsTests
{
    private static readonly ExperimentKinds Kinds = new(ExperimentRegistry.All, ExperimentRegistry.Comparisons);

    [Theory]
    [InlineData("boston", typeof(SweepExperiment))]
    [InlineData("boston-attr", typeof(SweepExperiment))]
    [InlineData("adult-sex", typeof(ComparisonExperiment))]
    [InlineData("compas-race-sex", typeof(ComparisonExperiment))]
    [InlineData("adult-mtaf", typeof(MultiTaskExperiment))]
    public void A_compiled_experiment_of_every_kind_resolves_by_name(string name, Type kind)
    {
        var experiment = Kinds.Resolve(name);

        experiment.ShouldBeOfType(kind);
        experiment.Name.ShouldBe(name);
    }

    [Fact]
    public void Every_experiment_file_of_the_repository_is_in_the_registry()
    {
        var files = Directory.GetFiles(TestExperiments.ExperimentsDirectory, "*.yaml")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Append("boston-attr")
            .Append("lsac-fairmt-attr")
            .Append("boston-conditional")
            .Order(StringComparer.Ordinal);

        Kinds.Compiled.Select(listed => listed.Name).ShouldBe(files);
    }

    [Fact]
    public async Task List_shows_every_kind()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await FairMtlCommandLine.InvokeAsync(["list"], output, error, ExperimentRegistry.All, ExperimentRegistry.Comparisons);

        code.ShouldBe(ExitCodes.Success);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToArray();
        lines.ShouldAllBe(fields => fields.Length == 3);
        var kinds = lines.ToDictionary(fields => fields[0], fields => fields[1]);
        (kinds["adult-sex"], kinds["adult-mtaf"], kinds["parkinson"], kinds["boston-attr"])
            .ShouldBe(("method comparison", "multi-task comparison", "sweep", "sweep"));
        var names = lines.Select(fields => fields[0]).ToArray();
        names.ShouldContain("adult-sex");
        names.ShouldContain("adult-mtaf");
        names.ShouldContain("parkinson");
        names.ShouldBe(names.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_comparison_runs_by_name_from_the_registry()
    {
        using var folder = new TempDataFolder();
        var source = Path.Combine(TestExperiments.ExperimentsDirectory, "compas-race.yaml");
        var yaml = File.ReadAllText(source)
            .Replace("name: compas-race", "name: compas-small", StringComparison.Ordinal)
            .Replace("repetitions: 10", "repetitions: 1", StringComparison.Ordinal)
            .Replace("count: 9", "count: 2", StringComparison.Ordinal)
            .Replace("epochs: 50", "epochs: 1", StringComparison.Ordinal);
        var outDirectory = Path.Combine(folder.Path, "out");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await FairMtlCommandLine.InvokeAsync(
            ["run", "compas-small", "--out", outDirectory, "--store", Path.Combine(folder.Path, "runs.db")],
            output,
            error,
            [],
            [new CompiledComparison("compas-small", source, yaml)]);

        code.ShouldBe(ExitCodes.Success, error.ToString());
        output.ToString().ShouldContain("# compas-small");
        output.ToString().ShouldContain("Trained 13 models");
        File.Exists(Path.Combine(outDirectory, "methods.csv")).ShouldBeTrue();
    }

    [Fact]
    public void An_unknown_name_lists_the_experiments_of_every_kind()
    {
        var error = Should.Throw<FairMtlException>(() => Kinds.Resolve("adult-sx"));

        error.Code.ShouldBe(DiagnosticCodes.ExperimentFile);
        error.Detail.ShouldStartWith("'adult-sx' is neither an experiment file nor a compiled experiment; did you mean 'adult-sex'? (compiled experiments: adult-fairmt, adult-fairmt-mtaf, adult-mtaf, ");
        error.Detail.ShouldContain("parkinson");
    }
}
