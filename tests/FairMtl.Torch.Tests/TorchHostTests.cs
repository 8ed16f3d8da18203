using FairMtl.Torch.Host;
using FairMtl.Torch.Modules;

namespace FairMtl.Torch.Tests;

/// <summary>
/// The torch host (src/FairMtl.Torch.Host, in-process) runs a compiled torch experiment by name with its generated module
/// (the sweep's multi-head networks; the single-task baseline with the run-time model), a compiled torch comparison by
/// name with its methods' generated modules and objectives, and a torch YAML file from outside the build with the
/// run-time model (and routed objective) only. Every run here is small: boston-torch trains 7 models in about 2 s.
/// </summary>
public sealed class TorchHostTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fairmtl-torch-host-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task The_torch_host_lists_the_torch_experiments_with_the_default_ones()
    {
        var (code, output, error) = await Run("list");

        code.ShouldBe(0, error);
        output.ShouldContain("boston-torch\tsweep\t");
        output.ShouldContain("parkinson-torch\tsweep\t");
        output.ShouldContain("parkinson\tsweep\t");
    }

    [Fact]
    public async Task The_torch_host_runs_a_compiled_torch_experiment_by_name_with_its_generated_module()
    {
        var (built, declined, (code, output, error)) = await Counting("boston-torch", () => Run("run", "boston-torch", "--no-store", "--out", Path.Combine(_folder.FullName, "out")));

        code.ShouldBe(0, error);
        output.ShouldContain("Trained 7 models");
        built.ShouldBe(2, "the sweep's two warm-start blocks (6 points, blocks of 5) train the generated module");
        declined.ShouldBe(1, "the single-task baseline trains the run-time model");
        File.Exists(Path.Combine(_folder.FullName, "out", "sweep.csv")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_torch_yaml_file_from_outside_the_build_trains_the_run_time_model()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "experiments", "torch", "parkinson.yaml"));
        var edited = yaml
            .Replace("file: ../data/", "file: " + Path.Combine(RepositoryFiles.Root, "experiments", "data").Replace('\\', '/') + "/", StringComparison.Ordinal)
            .Replace("alpha: { from: 0.0, to: 4.9, count: 50 }", "alpha: [2.5]", StringComparison.Ordinal)
            .Replace("epochs: 50", "epochs: 1", StringComparison.Ordinal);
        edited.ShouldContain("alpha: [2.5]");
        var path = Path.Combine(_folder.FullName, "parkinson.yaml");
        File.WriteAllText(path, edited);

        var (built, declined, (code, output, error)) = await Counting("parkinson-torch", () => Run("run", path, "--no-store", "--out", Path.Combine(_folder.FullName, "out")));

        code.ShouldBe(0, error);
        output.ShouldContain("Trained 2 models");
        (built, declined).ShouldBe((0, 0), "a spec read at run time never asks for the compiled experiment's module");
    }

    [Theory]
    [InlineData("adult-sex-race-torch", "method comparison", 11)]
    [InlineData("adult-mtaf-torch", "multi-task comparison", 18)]
    public async Task The_torch_host_runs_a_compiled_torch_comparison_by_name_with_its_generated_modules_and_objectives(string name, string kind, int units)
    {
        var list = await Run("list");
        list.Output.ShouldContain($"{name}\t{kind}\t");
        var ((code, output, error), created) = await GeneratedComparisonTests.CountingAsync(
            name, () => Run("run", name, "--no-store", "--out", Path.Combine(_folder.FullName, "out")));

        code.ShouldBe(0, error);
        output.ShouldContain(name);
        created.Models.Count.ShouldBe(units, "every unit (each method, front point and single-task reference) asks for its generated module");
        created.Models.ShouldAllBe(type => type != null && type.IsNested && type.DeclaringType!.Namespace == "FairMtl.Generated.Experiments", "the generated modules");
        created.Objectives.Count.ShouldBe(units);
        created.Objectives.ShouldAllBe(type => type != null && type.IsNested && type.DeclaringType!.Namespace == "FairMtl.Generated.Experiments", "the generated objectives");
    }

    [Fact]
    public async Task A_torch_comparison_file_from_outside_the_build_trains_the_run_time_path()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "experiments", "torch", "adult-sex-race.yaml"));
        var edited = yaml.Replace("file: ../data/", "file: " + Path.Combine(RepositoryFiles.Root, "experiments", "data").Replace('\\', '/') + "/", StringComparison.Ordinal);
        edited.ShouldNotBe(yaml);
        var path = Path.Combine(_folder.FullName, "adult-sex-race.yaml");
        File.WriteAllText(path, edited);

        var ((code, _, error), created) = await GeneratedComparisonTests.CountingAsync(
            "adult-sex-race-torch", () => Run("run", path, "--no-store", "--out", Path.Combine(_folder.FullName, "out")));

        code.ShouldBe(0, error);
        (created.Models.Count, created.Objectives.Count).ShouldBe((0, 0), "a comparison read at run time never asks for the compiled comparison's code");
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TorchHost.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="action"/> with experiment <paramref name="name"/>'s registered factory counting the
    /// networks it builds a module for and those it declines.</summary>
    private static async Task<(int Built, int Declined, T Result)> Counting<T>(string name, Func<Task<T>> action)
    {
        // The host's experiments: reading them loads the torch experiments' assembly, which registers its modules.
        TorchHost.Experiments.ShouldContain(experiment => experiment.Name == name);
        var factory = TorchModels.Find(name).ShouldNotBeNull("the torch experiments' assembly registers its modules when it is loaded");
        var built = 0;
        var declined = 0;
        TorchModels.Register(name, network =>
        {
            var model = factory(network);
            Interlocked.Increment(ref model is null ? ref declined : ref built);
            return model;
        });
        try
        {
            var result = await action();
            return (built, declined, result);
        }
        finally
        {
            TorchModels.Register(name, factory);
        }
    }
}
