using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>
/// The host records a multi-core JIT profile next to its program (System.Runtime.ProfileOptimization), and a run that
/// starts from that profile writes the same bytes as one that recorded it.
/// </summary>
public class JitProfileTests
{
    [Fact]
    public async Task A_run_records_the_profile_and_a_run_replaying_it_writes_identical_results()
    {
        using var folder = new TempDataFolder();
        var path = HostRun.SmallExperiment(folder, "boston");
        var profile = Path.Combine(AppContext.BaseDirectory, "FairMtl.Host.jitprofile");
        var before = DateTime.UtcNow.AddSeconds(-2);

        var first = await HostProcess.RunAsync([path, "--out", Path.Combine(folder.Path, "first")]);
        first.Code.ShouldBe(0, first.Error);
        File.Exists(profile).ShouldBeTrue("the host should have written its JIT profile next to FairMtl.Host.dll");
        File.GetLastWriteTimeUtc(profile).ShouldBeGreaterThan(before);
        new FileInfo(profile).Length.ShouldBeGreaterThan(1000, "the profile should list the methods the run compiled");

        var second = await HostProcess.RunAsync([path, "--out", Path.Combine(folder.Path, "second")]);
        second.Code.ShouldBe(0, second.Error);
        foreach (var file in new[] { "baseline.csv", "sweep.csv", "pareto.csv", "seeds.csv" })
        {
            File.ReadAllBytes(Path.Combine(folder.Path, "second", file))
                .ShouldBe(File.ReadAllBytes(Path.Combine(folder.Path, "first", file)), file);
        }
    }
}
