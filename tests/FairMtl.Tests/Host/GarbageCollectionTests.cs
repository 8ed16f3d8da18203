using FairMtl.Tests.Data;

namespace FairMtl.Tests.Host;

/// <summary>
/// Classification experiments train without allocating: each unit's networks, trainers, optimisers, loss buffers and
/// evaluation arrays come from the thread's <see cref="FairMtl.Numerics.UnitBuffers"/>, so hundreds of models allocate
/// their buffers once per thread (before, each unit allocated about 1.3 MB and a run of 50 units collected several
/// times). summary.json reports the bytes allocated while training and the garbage collections; the tests hold the
/// bytes, which do not depend on the machine. How many collections an allocation causes does: the runtime sizes the
/// youngest generation from the processor's cache, and a CI machine under load once counted 3 collections where this
/// VM counts 0 for the same run. With that budget fixed (<see cref="FixedYoungGeneration"/>) the collections are held
/// too: what is left to count is how the runtime answers the pool's first arrays (<see cref="FairMtl.Numerics.UnitBuffers"/>),
/// which started a background full collection in every run while they came from the pinned object heap.
/// </summary>
public class GarbageCollectionTests
{
    /// <summary>Bytes a unit may allocate to build itself (its layers, terms and result; a store's claim and commit).
    /// Measured: 64 KB a model in the method comparison, 52 KB in the multi-task comparison with a store.</summary>
    private const long BytesPerModel = 96 * 1024;

    /// <summary>Bytes a training thread's unit-buffer pool may allocate once, for its first unit: the arrays every later
    /// unit rents again, the largest the training part's non-zero entries (Adult: 4.2 MB; measured 3.5 MB in all for
    /// the method comparison's 54 models before they were read once per unit, 7.8 MB after).</summary>
    private const long BytesPerThread = 8L << 20;

    /// <summary>A young generation of 64 MB whatever the processor's cache (the runtime's <c>GCgen0size</c>), so that a
    /// collection while training can only come from the other heaps' budgets.</summary>
    private static void FixedYoungGeneration(IDictionary<string, string?> environment) => environment["DOTNET_GCgen0size"] = "0x4000000";

    [Fact]
    public async Task A_method_comparison_and_a_multi_task_comparison_allocate_nothing_per_training_step()
    {
        using var folder = new TempDataFolder();
        foreach (var (name, models, edit) in new (string, int, Func<int, Func<string, string>>)[]
                 {
                     ("adult-sex", 54, epochs => text => text
                         .Replace("protocol: { repetitions: 10, seed: 0 }", "protocol: { repetitions: 2, seed: 0 }")
                         .Replace("epochs: 2", $"epochs: {epochs}")),
                     ("adult-mtaf", 142, epochs => text => text
                         .Replace("epochs: 10", $"epochs: {epochs}")
                         .Replace("runs: 100,", "runs: 20,")),
                 })
        {
            var one = await Measure(folder, name, models, 1, edit(1), ["--no-store"]);
            var three = await Measure(folder, name, models, 3, edit(3), ["--no-store"]);

            // Three times the epochs: three times the steps (and evaluations), the same bytes but for what varies from
            // run to run: the comparison at two epochs measured 3,468,592 to 3,519,168 bytes in eight runs (a progress
            // line a second, about 300 bytes, the runtime's own threads). The smallest object is 24 bytes, so anything
            // allocated at every step would add at least 24 a step: 274,752 bytes for the comparison's 11,448 more
            // steps, 647,520 for the multi-task run's 26,980. The bound is 8 a step.
            three.Steps.ShouldBe(3 * one.Steps, name);
            (three.Bytes - one.Bytes).ShouldBeLessThan(
                8 * (three.Steps - one.Steps), $"{name}: {one.Bytes} bytes in {one.Steps} steps, {three.Bytes} in {three.Steps}");
        }

        // With a run store each unit is also claimed and committed: that costs bytes per unit, not per step.
        var store = Path.Combine(folder.Path, "runs.db");
        var withStore = await Measure(folder, "adult-mtaf", 142, 1, text => text.Replace("epochs: 10", "epochs: 1").Replace("runs: 100,", "runs: 20,"), ["--store", store]);
        File.Exists(store).ShouldBeTrue();
        withStore.Bytes.ShouldBeGreaterThan(0);
    }

    /// <summary>Runs a reduced copy of experiments/<paramref name="name"/>.yaml on one thread (on two, each thread's
    /// unit-buffer pool allocates its own first arrays) and returns the steps and bytes its summary.json reports, after
    /// checking them against <see cref="BytesPerThread"/> and <see cref="BytesPerModel"/>.</summary>
    private static async Task<(long Steps, long Bytes)> Measure(
        TempDataFolder folder, string name, int models, int epochs, Func<string, string> edit, string[] storeArguments)
    {
        var path = HostRun.SmallExperiment(folder, name, edit);
        File.ReadAllText(path).ShouldContain($"epochs: {epochs}\n");
        var output = Path.Combine(folder.Path, $"{name}-{epochs}-{storeArguments[0].TrimStart('-')}");
        var (code, text, error) = await HostProcess.RunAsync([path, "--out", output, "--threads", "1", .. storeArguments], FixedYoungGeneration);
        code.ShouldBe(0, error);
        text.ShouldContain($"Trained {models} models");
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var timings = summary.RootElement.GetProperty("timings");
        var bytes = timings.GetProperty("bytes_allocated_while_training").GetInt64();
        bytes.ShouldBeInRange(1, BytesPerThread + (BytesPerModel * models), $"{path} ({string.Join(' ', storeArguments)}): {bytes} bytes for {models} models");
        timings.GetProperty("garbage_collections_while_training").GetInt32().ShouldBe(0, $"{path} ({string.Join(' ', storeArguments)}): {bytes} bytes");
        return (timings.GetProperty("optimizer_steps").GetInt64(), bytes);
    }
}
