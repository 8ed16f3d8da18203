using System.Diagnostics;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Build;

/// <summary>
/// A declaration mistake is a compiler error: `dotnet build` of an experiments project with a broken YAML file fails
/// and prints the FMTL id at the YAML file's line and column.
/// </summary>
public class ExperimentsBuildTests
{
    [Fact]
    public async Task Building_a_broken_experiment_fails_with_the_diagnostic_at_its_yaml_line_and_column()
    {
        using var folder = new TempDataFolder();
        var root = TestExperiments.RepositoryRoot;
        folder.Write("Experiments.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{root}/src/FairMtl/FairMtl.csproj" />
                <ProjectReference Include="{root}/generators/FairMtl.Generators/FairMtl.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
              <ItemGroup>
                <AdditionalFiles Include="*.yaml" />
              </ItemGroup>
            </Project>
            """);
        var yaml = File.ReadAllText(Path.Combine(TestExperiments.ExperimentsDirectory, "parkinson.yaml"))
            .Replace("batch_size: 32", "batchsize: 32");
        var brokenPath = folder.Write("broken.yaml", yaml);
        var line = Array.FindIndex(yaml.Split('\n'), l => l.Contains("batchsize", StringComparison.Ordinal)) + 1;

        var start = new ProcessStartInfo("dotnet", ["build", folder.Path, "-nologo", "-clp:NoSummary"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;

        process.ExitCode.ShouldNotBe(0, text);
        text.ShouldContain($"{brokenPath}({line},3): error FMTL002: unknown key 'batchsize' in 'training'; did you mean 'batch_size'?");
    }
}
