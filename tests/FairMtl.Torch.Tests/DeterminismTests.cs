using FairMtl.Data;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Sweeps;
using FairMtl.Training;

namespace FairMtl.Torch.Tests;

/// <summary>On the torch engine the same experiment and seeds give the same bits run after run and whatever the number
/// of units trained at once (each unit's torch work runs on its own thread, with one intra-op thread).</summary>
public class DeterminismTests
{
    [Fact]
    public void A_run_gives_the_same_bits_twice_and_on_one_or_two_threads()
    {
        var loaded = RepositoryFiles.ReducedSweep("parkinson-10seeds", [1.0, 4.0], epochs: 3, TrainingEngine.Torch);
        var spec = loaded.Spec;
        // Two seeds, and dropout, so that the masks' generator is covered too.
        loaded = loaded with { Spec = spec with { Sweep = spec.Sweep with { Seeds = new[] { 42, 43 } }, Model = spec.Model with { Dropout = 0.2 } } };
        var data = DataPreparation.Prepare(loaded);
        TrainingEngines.Register(new TorchEngine());

        var first = Numbers(ExperimentRunner.Run(loaded, data, 2, null, 0, CancellationToken.None));
        var second = Numbers(ExperimentRunner.Run(loaded, data, 2, null, 0, CancellationToken.None));
        var oneThread = Numbers(ExperimentRunner.Run(loaded, data, 1, null, 0, CancellationToken.None));

        first.Length.ShouldBeGreaterThan(6 * 10); // two baseline and four sweep runs, each with its metrics
        second.ShouldBe(first);
        oneThread.ShouldBe(first);
    }

    /// <summary>Every number of every run, as raw bits.</summary>
    private static long[] Numbers(ExperimentResult result) =>
        result.Baseline.Concat(result.Sweep)
            .SelectMany(run => ResultNumbers.Of(run))
            .Select(BitConverter.DoubleToInt64Bits)
            .ToArray();
}
