namespace FairMtl.Store;

/// <summary>
/// Claims a run's units, ahead in batches when they are short: a claim is a transaction (a round trip to a shared
/// server), worth paying per unit for units of seconds but not for units of milliseconds. Once a few units have been
/// trained, a claim takes the unit asked for and the next pending ones in plan order, as many as fill
/// <see cref="SecondsPerClaim"/> of training at the measured mean unit time (at most <see cref="MaxBatch"/>, and
/// never more than a quarter of what is left per thread, so that the end of a run stays shared between workers). Units
/// claimed ahead are this process's: the thread the scheduler hands them to trains them without another round trip;
/// those of a batch found stored or held by another worker are remembered, so that they cost no transaction of their
/// own either. Each batch is claimed in plan order, so that two workers' batches lock rows in the same order.
/// </summary>
internal sealed class ClaimBatcher
{
    /// <summary>The training time one claim should cover.</summary>
    public const double SecondsPerClaim = 0.5;

    /// <summary>The most units one claim takes.</summary>
    public const int MaxBatch = 64;

    private readonly IRunStore _store;
    private readonly string _worker;
    private readonly bool _fresh;
    private readonly IReadOnlyList<string> _identities;
    private readonly IReadOnlyList<int> _pending;
    private readonly Dictionary<int, int> _positions;
    private readonly int _threads;
    private readonly DurationLog _times;
    private readonly Lock _gate = new();
    private readonly HashSet<int> _held = [];
    private readonly Dictionary<int, ClaimOutcome> _known = [];
    private double _trainedSeconds;
    private int _trained;
    private bool _firstPass = true;

    public ClaimBatcher(IRunStore store, string worker, bool fresh, IReadOnlyList<string> identities, IReadOnlyList<int> pending, int threads, DurationLog times)
    {
        _store = store;
        _worker = worker;
        _fresh = fresh;
        _identities = identities;
        _pending = pending;
        _threads = Math.Max(1, threads);
        _times = times;
        _positions = new Dictionary<int, int>(pending.Count);
        for (var i = 0; i < pending.Count; i++)
        {
            _positions[pending[i]] = i;
        }
    }

    /// <summary>Claims the unit at <paramref name="index"/> (and, when units are short, the next ones with it).</summary>
    public ClaimOutcome Claim(int index)
    {
        int size;
        lock (_gate)
        {
            if (_held.Remove(index))
            {
                return ClaimOutcome.Claimed;
            }

            if (_known.Remove(index, out var known))
            {
                return known;
            }

            size = BatchSize(index);
        }

        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        if (size == 1)
        {
            var outcome = _store.TryClaim(_identities[index], _worker, _fresh);
            _times.Since(start);
            return outcome;
        }

        var position = _positions[index];
        var batch = Enumerable.Range(position, size).Select(p => _pending[p]).Order().ToArray();
        var outcomes = _store.TryClaimMany(batch.Select(i => _identities[i]).ToArray(), _worker, _fresh);
        _times.Since(start);
        var mine = ClaimOutcome.HeldByOther;
        lock (_gate)
        {
            for (var i = 0; i < batch.Length; i++)
            {
                if (batch[i] == index)
                {
                    mine = outcomes[i];
                }
                else if (outcomes[i] == ClaimOutcome.Claimed)
                {
                    _held.Add(batch[i]);
                }
                else
                {
                    _known[batch[i]] = outcomes[i];
                }
            }
        }

        return mine;
    }

    /// <summary>From now on one unit per claim: the units left are those other workers held, waited for one by one.</summary>
    public void EndFirstPass()
    {
        lock (_gate)
        {
            _firstPass = false;
        }
    }

    /// <summary>Records that a unit took <paramref name="seconds"/> to train.</summary>
    public void Trained(double seconds)
    {
        lock (_gate)
        {
            _trainedSeconds += seconds;
            _trained++;
        }
    }

    private int BatchSize(int index)
    {
        if (_trained < 2 || !_firstPass || !_positions.TryGetValue(index, out var position))
        {
            return 1; // nothing measured yet, or the units other workers held
        }

        var mean = _trainedSeconds / _trained;
        var wanted = mean <= 0 ? MaxBatch : (int)Math.Min(MaxBatch, Math.Floor(SecondsPerClaim / mean));
        var left = _pending.Count - position;
        return Math.Clamp(Math.Min(wanted, left / (4 * _threads)), 1, left);
    }
}
