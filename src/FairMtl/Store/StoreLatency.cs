namespace FairMtl.Store;

/// <summary>What a run's claims and commits took (the store's overhead; <c>worker</c> prints it).</summary>
/// <param name="Claims">Claim transactions made (one may claim several units ahead).</param>
/// <param name="ClaimMedianMs">Their median duration, in milliseconds.</param>
/// <param name="ClaimP99Ms">Their 99th percentile.</param>
/// <param name="Commits">Units committed.</param>
/// <param name="CommitMedianMs">The commits' median duration, in milliseconds.</param>
/// <param name="CommitP99Ms">Their 99th percentile.</param>
/// <param name="ClaimTotalMs">All claim transactions together, in milliseconds.</param>
public sealed record StoreLatency(int Claims, double ClaimMedianMs, double ClaimP99Ms, int Commits, double CommitMedianMs, double CommitP99Ms, double ClaimTotalMs)
{
    /// <summary>The latency of <paramref name="claims"/> and <paramref name="commits"/> (durations in milliseconds).</summary>
    public static StoreLatency Of(IReadOnlyCollection<double> claims, IReadOnlyCollection<double> commits) =>
        new(claims.Count, Percentile(claims, 0.5), Percentile(claims, 0.99), commits.Count, Percentile(commits, 0.5), Percentile(commits, 0.99), claims.Sum());

    /// <summary>The nearest-rank percentile <paramref name="p"/> of <paramref name="values"/>; NaN when empty.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Durations recorded without allocating, from any thread, up to a fixed count.</summary>
internal sealed class DurationLog(int capacity)
{
    private readonly double[] _milliseconds = new double[Math.Max(1, capacity)];
    private int _count;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamp); past the capacity, nothing.</summary>
    public void Since(long startTimestamp)
    {
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        var slot = Interlocked.Increment(ref _count) - 1;
        if (slot < _milliseconds.Length)
        {
            _milliseconds[slot] = elapsed;
        }
    }

    /// <summary>The recorded durations.</summary>
    public double[] Values => _milliseconds[..Math.Min(Volatile.Read(ref _count), _milliseconds.Length)];
}
