using System.Diagnostics;
using FairMtl.Training;

namespace FairMtl.Benchmarks;

/// <summary>Microseconds and bytes allocated per step, collections during the measured loop, steps measured.</summary>
/// <remarks>Shared by the native benchmark (tests/FairMtl.Benchmarks) and the libtorch engine's
/// (tests/FairMtl.Torch.Benchmarks), so that both measure the same way.</remarks>
internal sealed record StepResult(double MicrosecondsPerStep, double BytesPerStep, int Collections, long Steps)
{
    /// <summary>
    /// Median over five measured calls of <paramref name="train"/> for <paramref name="epochs"/> epochs each, after two
    /// seconds of warm-up (the JIT tiers methods up over the first hundreds of milliseconds; measuring earlier reports
    /// tier-0 code). Bytes are the managed bytes the calling thread allocated (native memory, such as libtorch's tensors,
    /// is not counted); collections are those of all generations in the process during the call.
    /// </summary>
    public static StepResult Median(Func<int, TrainingOutcome> train, int epochs)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2))
        {
            train(1);
        }

        var runs = new List<StepResult>();
        for (var repeat = 0; repeat < 5; repeat++)
        {
            var gcBefore = FairMtl.Execution.RunTimings.Collections();
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            var outcome = train(epochs);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            var collections = FairMtl.Execution.RunTimings.Collections() - gcBefore;
            runs.Add(new StepResult(1e6 * seconds / outcome.Steps, (double)bytes / outcome.Steps, collections, outcome.Steps));
        }

        return runs.OrderBy(run => run.MicrosecondsPerStep).ElementAt(runs.Count / 2);
    }
}
