using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace FairMtl.Store;

/// <summary>
/// Commits finished units on a thread of its own, in the order they finish: a training thread hands its unit over and
/// goes on to the next one instead of waiting for the database (about a millisecond a unit, and the WAL checkpoints'
/// disk flushes). Disposing drains the queue, so that a cancelled run still keeps every unit that finished. A commit
/// that fails (a full disk) is thrown to the next caller of <see cref="Add"/> or <see cref="ThrowIfFailed"/>; the units
/// committed before it stay committed.
/// </summary>
internal sealed class CommitQueue : IDisposable
{
    private readonly BlockingCollection<FinishedUnit> _queue = new();
    private readonly Thread _thread;
    private Exception? _failure;

    public CommitQueue(IRunStore store, DurationLog? durations = null)
    {
        Durations = durations ?? new DurationLog(0);
        _thread = new Thread(() =>
        {
            foreach (var unit in _queue.GetConsumingEnumerable())
            {
                if (Volatile.Read(ref _failure) is not null)
                {
                    continue;
                }

                try
                {
                    var start = System.Diagnostics.Stopwatch.GetTimestamp();
                    store.Commit(unit);
                    Durations.Since(start);
                }
                catch (Exception exception)
                {
                    Volatile.Write(ref _failure, exception);
                }
            }
        })
        {
            IsBackground = true,
            Name = "run store commits",
        };
        _thread.Start();
    }

    /// <summary>How long each commit took.</summary>
    public DurationLog Durations { get; }

    /// <summary>Queues a finished unit for its commit.</summary>
    public void Add(FinishedUnit unit)
    {
        ThrowIfFailed();
        _queue.Add(unit);
    }

    /// <summary>Throws the failure of an earlier commit, if any.</summary>
    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Commits every queued unit, then throws the failure of any commit.</summary>
    public void Complete()
    {
        Drain();
        ThrowIfFailed();
    }

    public void Dispose()
    {
        Drain();
        _queue.Dispose();
    }

    private void Drain()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }

        _thread.Join();
    }
}
