namespace FairMtl.Execution;

/// <summary>Wall-clock seconds of the phases of a run, the thread count, the optimiser steps, the garbage collections
/// (all generations) that happened while the models trained and the bytes the process allocated meanwhile; with a run
/// store, how many models were read from it instead of trained (their steps are in <paramref name="Steps"/>, their
/// time is not in <paramref name="TrainSeconds"/>). The collections depend on the machine (the runtime sizes the
/// youngest generation from the processor's cache) and on the load; the allocated bytes do not.</summary>
public sealed record RunTimings(
    double LoadSeconds, double TrainSeconds, int Threads, long Steps, int GarbageCollections, int ModelsFromStore = 0, long AllocatedBytes = 0)
{
    /// <summary>Garbage collections of all generations so far in this process (the scheduler takes the difference).</summary>
    public static int Collections() => GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);

    /// <summary>Bytes allocated so far by every thread of this process (the scheduler takes the difference).</summary>
    public static long Allocated() => GC.GetTotalAllocatedBytes(precise: true);

    /// <summary>
    /// Collects every generation (what loading the data left behind) before training starts rather than in its middle,
    /// so that training begins with whole allocation budgets, which the units' first buffers
    /// (<see cref="Numerics.UnitBuffers"/>) fit in; returns <see cref="Collections"/> after it, the count to subtract.
    /// A full, blocking collection, not only the youngest generation: after loading Adult (hundreds of megabytes of
    /// parsing) the runtime turned the young generation's collection into a background full one, which then ran
    /// beside the first units; this one ends before training starts and renews every generation's budget.
    /// </summary>
    public static int StartTraining()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        return Collections();
    }
}
