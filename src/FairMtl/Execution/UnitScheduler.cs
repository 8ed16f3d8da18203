using System.Collections.Concurrent;
using System.Diagnostics;

namespace FairMtl.Execution;

/// <summary>
/// Runs the independent units of work of any experiment kind (a model, or a warm-start block of models): in parallel
/// across units, handed out one at a time in plan order, with cancellation between steps, and with the wall time and
/// garbage collections of the whole batch recorded. A unit's result depends on the unit alone (its random streams come
/// from its seed), so the results, returned in unit order, do not depend on the thread count or the schedule. Each unit
/// trains in a <see cref="Numerics.UnitBuffers"/> scope: the next unit on a thread reuses its arrays.
/// </summary>
public static class UnitScheduler
{
    /// <summary>Trains every unit of <paramref name="units"/> with <paramref name="train"/>.</summary>
    /// <param name="units">The plan's units, in plan order.</param>
    /// <param name="threads">Units trained at once (at least 1).</param>
    /// <param name="train">Trains one unit; calls the counter's <see cref="ModelCounter.Finished"/> once per finished
    /// model, for progress reports.</param>
    /// <param name="cancellationToken">Stops handing out units (and, through <paramref name="train"/>, training).</param>
    public static ScheduledRun<TResult> Run<TUnit, TResult>(
        IReadOnlyList<TUnit> units, int threads, Func<TUnit, ModelCounter, TResult> train, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(train);
        threads = Math.Max(1, threads);
        var results = new TResult[units.Count];
        var counter = new ModelCounter();
        var collectionsBefore = RunTimings.Collections();
        var allocatedBefore = RunTimings.Allocated();
        var stopwatch = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        var order = Partitioner.Create(Enumerable.Range(0, units.Count), EnumerablePartitionerOptions.NoBuffering);
        try
        {
            Parallel.ForEach(order, options, index =>
            {
                // The unit's engine buffers go back to this thread's pool when it ends, for the next unit to reuse.
                using var buffers = Numerics.UnitBuffers.Begin();
                results[index] = train(units[index], counter);
            });
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            // The first unit's failure as itself (a run store that cannot commit, a located data error), not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }

        return new ScheduledRun<TResult>(
            results, stopwatch.Elapsed.TotalSeconds, threads, RunTimings.Collections() - collectionsBefore, AllocatedBytes: RunTimings.Allocated() - allocatedBefore);
    }
}

/// <summary>Counts finished models across the scheduler's threads.</summary>
/// <param name="alreadyFinished">The count to start from.</param>
public sealed class ModelCounter(int alreadyFinished = 0)
{
    private int _finished = alreadyFinished;

    /// <summary>Records one more finished model and returns how many have finished.</summary>
    public int Finished() => Interlocked.Increment(ref _finished);
}

/// <summary>The results of a scheduled batch, in unit order, and what running it cost.</summary>
/// <param name="Results">One result per unit, in unit order.</param>
/// <param name="TrainSeconds">Wall time of the batch.</param>
/// <param name="Threads">Units trained at once.</param>
/// <param name="GarbageCollections">Garbage collections (all generations) during the batch.</param>
/// <param name="ModelsFromStore">Models read from a run store instead of trained.</param>
/// <param name="AllocatedBytes">Bytes the process allocated during the batch.</param>
public sealed record ScheduledRun<TResult>(
    TResult[] Results, double TrainSeconds, int Threads, int GarbageCollections, int ModelsFromStore = 0, long AllocatedBytes = 0)
{
    /// <summary>The run's timings record, with the loading time and the optimizer steps the kind counted.</summary>
    public RunTimings Timings(double loadSeconds, long steps) =>
        new(loadSeconds, TrainSeconds, Threads, steps, GarbageCollections, ModelsFromStore, AllocatedBytes);
}
