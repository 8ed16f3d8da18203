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
    public async Task Building_broken_and_hostile_experiments_fails_with_each_diagnostic_at_its_yaml_line_and_column()
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

        // Hostile files next to it: each is refused at its first offending token, and the build still ends (a broken
        // bound would take the compiler down: 9^9 alias nodes, or a recursion a million levels deep).
        var laughs = folder.Write("laughs.yaml", "name: laughs\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat("bcdefghi".Select((name, i) => $"{name}: &{name} [{string.Join(", ", Enumerable.Repeat("*" + "abcdefghi"[i], 9))}]\n")));
        var tag = folder.Write("tag.yaml", "name: tag\ndescription: !!python/object/apply:os.system [\"touch owned\"]\n");
        var deep = folder.Write("deep.yaml", "name: deep\ndescription: " + new string('[', 1_000_000) + "\n");
        var count = folder.Write("count.yaml", yaml.Replace("batchsize: 32", "batch_size: 32").Replace("count: 50", "count: 1000000000000"));
        var countLine = Array.FindIndex(yaml.Split('\n'), l => l.Contains("count: 50", StringComparison.Ordinal)) + 1;

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
        text.ShouldContain($"{laughs}(6,8): error FMTL018: aliases expand to more than 10000 YAML nodes (alias '*d' stands for 7381)");
        text.ShouldContain($"{tag}(2,14): error FMTL001: YAML tags are not supported, found '!!python/object/apply:os.system'");
        text.ShouldContain($"{deep}(2,77): error FMTL018: YAML nested more than 64 levels deep");
        text.ShouldContain($"{count}({countLine},");
        text.ShouldContain("): error FMTL018: 'sweep.alpha.count' must be an integer in [1, 10000], got '1000000000000'");
        File.Exists(Path.Combine(folder.Path, "owned")).ShouldBeFalse();
    }
}
