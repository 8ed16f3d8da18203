using System.Collections.Concurrent;
using System.Diagnostics;
using FairMtl.Execution;

namespace FairMtl.Store;

/// <summary>How a run uses a store.</summary>
/// <param name="Store">The store.</param>
/// <param name="Fresh">Train every unit even when it is stored (and store it again).</param>
/// <param name="Mode">Train what is missing (<c>run</c>, <c>worker</c>), or only read what is stored (<c>collect</c>).</param>
/// <param name="Heartbeat">How often this process renews its claims (default 15 s; a quarter of the store's lease).</param>
public sealed record StoreOptions(IRunStore Store, bool Fresh, StoreMode Mode = StoreMode.Train, TimeSpan? Heartbeat = null);

/// <summary>Whether a stored run trains.</summary>
public enum StoreMode
{
    /// <summary>Read the stored units, claim and train the others, wait for those other workers hold.</summary>
    Train,

    /// <summary>Read the stored units; every other unit counts as failed with the reason it is missing (pending,
    /// running on a worker, or abandoned): <c>collect</c> from a store that other workers fill.</summary>
    Collect,
}

/// <summary>Where an experiment stands in a store (<c>status</c>).</summary>
/// <param name="Units">Its units.</param>
/// <param name="Models">Its models.</param>
/// <param name="Done">Units stored and successful.</param>
/// <param name="Failed">Units stored with a failed model, and the first few reasons.</param>
/// <param name="Running">Units claimed by live workers: the worker and the age of its lease.</param>
/// <param name="Lapsed">Units whose worker's lease lapsed (the next worker takes them over).</param>
/// <param name="Pending">Units nobody has claimed.</param>
/// <param name="UnitSeconds">The mean wall time of the stored units (NaN when none).</param>
/// <param name="EtaSeconds">The remaining units' time at that mean, shared by the units in training at once (at least
/// one; a worker trains one per thread); NaN
/// when no unit is stored yet, 0 when none remain.</param>
public sealed record StoreStatus(
    int Units, int Models, int Done, IReadOnlyList<string> Failed, IReadOnlyList<UnitState> Running, int Lapsed, int Pending, double UnitSeconds, double EtaSeconds);

/// <summary>What <see cref="StoredRunner.Import"/> did.</summary>
/// <param name="Read">Units in the file.</param>
/// <param name="OfThisPlan">Those taken as units of the experiment's plan in this build (another build's included when
/// verified).</param>
/// <param name="Imported">Those committed to the store.</param>
/// <param name="AlreadyStored">Those the store already held (left as they were).</param>
/// <param name="PlanUnits">The units of the plan.</param>
/// <param name="FromOtherBuild">Of <paramref name="OfThisPlan"/>, those another build trained (taken after verification).</param>
/// <param name="Verified">Units of another build trained again here and found identical.</param>
public sealed record ImportAccount(int Read, int OfThisPlan, int Imported, int AlreadyStored, int PlanUnits, int FromOtherBuild = 0, int Verified = 0);

/// <summary>What a run took from the store and put into it.</summary>
/// <param name="ResultId">The result's id in the store (<c>runs show</c>).</param>
/// <param name="Units">The run's units.</param>
/// <param name="StoredUnits">Units read from the store instead of trained (at the start, or finished meanwhile by
/// another process).</param>
/// <param name="StoredModels">The models of those units.</param>
/// <param name="TrainedUnits">Units this process trained and committed.</param>
/// <param name="MissingUnits">Units neither stored nor trained (<see cref="StoreMode.Collect"/>): reported as failed.</param>
/// <param name="Latency">What this process's claims and commits took; null when it made none.</param>
public sealed record StoreAccount(long ResultId, int Units, int StoredUnits, int StoredModels, int TrainedUnits, int MissingUnits = 0, StoreLatency? Latency = null);

/// <summary>
/// Runs any storable kind against a run store: units the store holds are read instead of trained; every other unit is
/// claimed, trained and committed as soon as it finishes in its own transaction (on the <see cref="CommitQueue"/>'s
/// thread), so that a killed run loses at most the units in training or just finished, and a rerun trains only what is
/// missing. Units another live process holds are waited for and read. The
/// results in plan order are the same as a run without a store, so the tables are byte-identical.
/// </summary>
public static class StoredRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs <paramref name="kind"/> with <paramref name="options"/>'s store, or without a store when it is
    /// null (<see cref="KindRunner"/>; the account is then null).</summary>
    public static (TResult Result, StoreAccount? Account) RunOptionallyStored<TUnit, TUnitResult, TResult>(
        IStorableKind<TUnit, TUnitResult, TResult> kind,
        StoreOptions? options,
        int threads,
        IProgress<ModelProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (options is null)
        {
            return (KindRunner.Run(kind, threads, progress, cancellationToken), null);
        }

        var (result, account) = Run(kind, options, threads, progress, cancellationToken);
        return (result, account);
    }

    /// <summary>Runs <paramref name="kind"/> with <paramref name="options"/>'s store.</summary>
    /// <exception cref="RunStoreException">The store cannot be read or written.</exception>
    public static (TResult Result, StoreAccount Account) Run<TUnit, TUnitResult, TResult>(
        IStorableKind<TUnit, TUnitResult, TResult> kind,
        StoreOptions options,
        int threads,
        IProgress<ModelProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        var store = options.Store;
        var worker = WorkerId.Current;
        var units = kind.Units;
        var (experiment, numerics, keys, identities) = Identify(kind);
        var resultId = store.BeginResult(new ResultStart(
            experiment.Name, experiment.Kind, UnitIdentity.OfResult(experiment, numerics), numerics, VersionText(), experiment.Spec, identities, kind.Models));

        var results = new TUnitResult[units.Count];
        var stored = options.Fresh ? new Dictionary<string, string>() : store.Payloads(identities);
        var pending = new List<int>();
        var storedModels = 0;
        for (var i = 0; i < units.Count; i++)
        {
            if (stored.TryGetValue(identities[i], out var payload))
            {
                results[i] = kind.ReadResult(payload);
                storedModels += kind.ModelsIn(units[i]);
            }
            else
            {
                pending.Add(i);
            }
        }

        if (options.Mode == StoreMode.Collect)
        {
            return Collect(kind, store, resultId, identities, results, pending, storedModels);
        }

        var total = kind.Models;
        var storedAtStart = storedModels;
        progress?.Report(new ModelProgress(storedModels, total, storedModels));
        var readLater = 0;
        var readLaterModels = 0;
        var trained = 0;
        var deferred = new ConcurrentQueue<int>();

        // Claims between units, commits on the commit thread, renewals on the timer's: never inside a training step.
        var heartbeat = options.Heartbeat ?? TimeSpan.FromSeconds(15);
        using var renewal = new Timer(_ => RenewQuietly(store, worker), null, heartbeat, heartbeat);
        var claimTimes = new DurationLog(4 * units.Count);
        using var commits = new CommitQueue(store, new DurationLog(units.Count));
        // Each worker starts at its own place in the plan (and goes round), so that workers started together do not all
        // queue for the same first units.
        var order = Rotated(pending, worker);
        var claims = new ClaimBatcher(store, worker, options.Fresh, identities, order, threads, claimTimes);
        var collectionsBefore = RunTimings.StartTraining();
        var allocatedBefore = RunTimings.Allocated();
        var stopwatch = Stopwatch.StartNew();

        TUnitResult TrainAndCommit(int index, ModelCounter counter)
        {
            var unitWatch = Stopwatch.StartNew();
            TUnitResult result;
            try
            {
                result = kind.Train(units[index], () => progress?.Report(new ModelProgress(counter.Finished(), total, storedAtStart)), cancellationToken);
            }
            catch
            {
                ReleaseQuietly(store, identities[index], worker);
                throw;
            }

            claims.Trained(unitWatch.Elapsed.TotalSeconds);
            commits.Add(new FinishedUnit(identities[index], keys[index], kind.ModelsIn(units[index]), kind.WriteResult(result), unitWatch.Elapsed.TotalSeconds, worker));
            return result;
        }

        var counter = new ModelCounter(storedModels);
        UnitScheduler.Run(
            order,
            threads,
            (index, _) =>
            {
                commits.ThrowIfFailed();
                if (claims.Claim(index) == ClaimOutcome.Claimed)
                {
                    results[index] = TrainAndCommit(index, counter);
                    Interlocked.Increment(ref trained);
                }
                else
                {
                    deferred.Enqueue(index); // stored or held by another worker meanwhile: read (or taken over) after the first pass
                }

                return true;
            },
            cancellationToken);

        // Units other processes stored or held: read them (one query for all), and wait for the held ones' results or
        // take them over when their claims lapse (one claim transaction for all).
        claims.EndFirstPass();
        var waiting = deferred.Order().ToList();
        while (waiting.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var found = store.Payloads(waiting.Select(index => identities[index]).ToArray());
            var left = new List<int>();
            foreach (var index in waiting)
            {
                if (!found.TryGetValue(identities[index], out var payload))
                {
                    left.Add(index);
                    continue;
                }

                results[index] = kind.ReadResult(payload);
                var models = kind.ModelsIn(units[index]);
                readLater++;
                readLaterModels += models;
                for (var m = 0; m < models; m++)
                {
                    progress?.Report(new ModelProgress(counter.Finished(), total, storedAtStart));
                }
            }

            if (left.Count == 0)
            {
                break;
            }

            var outcomes = store.TryClaimMany(left.Select(index => identities[index]).ToArray(), worker, evenIfStored: false);
            var taken = left.Where((_, i) => outcomes[i] == ClaimOutcome.Claimed).ToArray();
            foreach (var index in taken)
            {
                results[index] = TrainAndCommit(index, counter);
                trained++;
            }

            if (taken.Length == 0 && left.Count == waiting.Count)
            {
                cancellationToken.WaitHandle.WaitOne(PollInterval);
            }

            waiting = left.Except(taken).ToList();
        }

        commits.Complete();
        var run = new ScheduledRun<TUnitResult>(
            results, stopwatch.Elapsed.TotalSeconds, Math.Max(1, threads), RunTimings.Collections() - collectionsBefore, storedModels + readLaterModels,
            RunTimings.Allocated() - allocatedBefore);
        var latency = claimTimes.Values is { Length: > 0 } claimed ? StoreLatency.Of(claimed, commits.Durations.Values) : null;
        var account = new StoreAccount(resultId, units.Count, units.Count - pending.Count + readLater, storedModels + readLaterModels, trained, 0, latency);
        return (kind.Summarize(run), account);
    }

    /// <summary>Where <paramref name="kind"/>'s units stand in <paramref name="store"/>, without changing anything.</summary>
    /// <exception cref="RunStoreException">The store cannot be read.</exception>
    public static StoreStatus Status<TUnit, TUnitResult, TResult>(IStorableKind<TUnit, TUnitResult, TResult> kind, IRunStore store)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(store);
        var identities = Identify(kind).Identities;
        var states = store.States(identities);
        var stored = states.Where(state => state.Status == UnitStatus.Stored).ToArray();
        var payloads = store.Payloads(stored.Select(state => state.Identity).ToArray());
        var failed = stored.Select(state => kind.FailureOf(kind.ReadResult(payloads[state.Identity]))).OfType<string>().ToArray();
        var running = states.Where(state => state.Status == UnitStatus.Running).ToArray();
        var lapsed = states.Count(state => state.Status == UnitStatus.Lapsed);
        var pending = states.Count(state => state.Status == UnitStatus.Pending);
        var unitSeconds = stored.Length == 0 ? double.NaN : stored.Average(state => state.Seconds);
        // A worker trains one unit per thread: the units in training at once, not the workers, share what is left.
        var inTraining = Math.Max(1, running.Length);
        var remaining = identities.Length - stored.Length;
        var eta = remaining == 0 ? 0 : unitSeconds * remaining / inTraining;
        return new StoreStatus(identities.Length, kind.Models, stored.Length - failed.Length, failed, running, lapsed, pending, unitSeconds, eta);
    }

    /// <summary>
    /// The units of <paramref name="kind"/>'s plan that <paramref name="store"/> holds, as they were committed, in plan
    /// order (<c>runs export</c>): with <see cref="Import"/>, finished units move to another store, e.g. into a file kept
    /// with the code between machines or sessions.
    /// </summary>
    /// <exception cref="RunStoreException">The store cannot be read.</exception>
    public static IReadOnlyList<FinishedUnit> Export<TUnit, TUnitResult, TResult>(IStorableKind<TUnit, TUnitResult, TResult> kind, IRunStore store)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(store);
        var (_, _, keys, identities) = Identify(kind);
        var states = store.States(identities);
        var stored = Enumerable.Range(0, identities.Length).Where(index => states[index].Status == UnitStatus.Stored).ToArray();
        var payloads = store.Payloads(stored.Select(index => identities[index]).ToArray());
        return stored
            .Where(index => payloads.ContainsKey(identities[index]))
            .Select(index => new FinishedUnit(
                identities[index], keys[index], kind.ModelsIn(kind.Units[index]), payloads[identities[index]], states[index].Seconds, states[index].Worker ?? string.Empty))
            .ToArray();
    }

    /// <summary>
    /// Commits into <paramref name="store"/> the <paramref name="units"/> (written by <see cref="Export"/>) that belong
    /// to <paramref name="kind"/>'s plan as this build identifies it and that the store does not hold yet; a rerun then
    /// trains only the rest. A unit of another plan (another spec, data file or numerics version) is counted and left
    /// out, unless <paramref name="verify"/> is above 0: then the file's units whose key is one of the plan's are
    /// taken as another build's results of this plan, <paramref name="verify"/> of them (spread evenly over the plan's
    /// order, so every method of a plan that lists methods in turn is among them) are trained again here, and only if
    /// each gives its archived result text byte for byte are they all committed under this build's identities. A unit
    /// of this plan whose key or model count differs from the plan's, whose result cannot be read back into the same
    /// text, or that trains to another result stops the import before anything is written.
    /// </summary>
    /// <param name="kind">The experiment.</param>
    /// <param name="store">Where the units go.</param>
    /// <param name="units">The file's units (those of one plan, as <see cref="Export"/> writes them).</param>
    /// <param name="verify">How many units of another build to train again before taking them (0: take none).</param>
    /// <param name="threads">Units trained at once while verifying.</param>
    /// <param name="cancellationToken">Stops the verification (nothing is imported then).</param>
    /// <exception cref="InvalidDataException">A unit claims this plan's identity but does not match it, or trains to
    /// another result.</exception>
    /// <exception cref="RunStoreException">The store cannot be read or written.</exception>
    public static ImportAccount Import<TUnit, TUnitResult, TResult>(
        IStorableKind<TUnit, TUnitResult, TResult> kind,
        IRunStore store,
        IReadOnlyList<FinishedUnit> units,
        int verify = 0,
        int threads = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentOutOfRangeException.ThrowIfNegative(verify);
        var (_, _, keys, identities) = Identify(kind);
        var plan = new Dictionary<string, int>(identities.Length, StringComparer.Ordinal);
        var planKeys = new Dictionary<string, int>(identities.Length, StringComparer.Ordinal);
        for (var index = 0; index < identities.Length; index++)
        {
            plan[identities[index]] = index;
            planKeys[keys[index]] = index;
        }

        // (plan index, unit as this build would store it): this build's own units, then another build's matched by key.
        var ours = new List<(int Index, FinishedUnit Unit)>();
        var others = new List<(int Index, FinishedUnit Unit)>();
        var seen = new HashSet<int>();
        foreach (var unit in units)
        {
            if (plan.TryGetValue(unit.Identity, out var index))
            {
                if (!string.Equals(unit.Key, keys[index], StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"unit {unit.Identity} has this experiment's identity but not its key (expected key {keys[index]})");
                }

                if (seen.Add(index))
                {
                    ours.Add((index, unit));
                }
            }
            else if (verify > 0 && planKeys.TryGetValue(unit.Key, out index) && seen.Add(index))
            {
                others.Add((index, unit with { Identity = identities[index] }));
            }
        }

        foreach (var (index, unit) in ours.Concat(others))
        {
            CheckUnit(kind, unit, kind.ModelsIn(kind.Units[index]));
        }

        var verified = Verify(kind, others, verify, threads, cancellationToken);
        var taken = ours.Concat(others).ToList();
        var states = store.States(taken.Select(unit => unit.Unit.Identity).ToArray());
        var imported = 0;
        for (var i = 0; i < taken.Count; i++)
        {
            if (states[i].Status != UnitStatus.Stored)
            {
                store.Commit(taken[i].Unit);
                imported++;
            }
        }

        return new ImportAccount(units.Count, taken.Count, imported, taken.Count - imported, identities.Length, others.Count, verified);
    }

    /// <summary>A unit's model count must be the plan's, and its result text must read back and write again into itself.</summary>
    private static void CheckUnit<TUnit, TUnitResult, TResult>(IStorableKind<TUnit, TUnitResult, TResult> kind, FinishedUnit unit, int models)
    {
        if (unit.Models != models)
        {
            throw new InvalidDataException($"unit {unit.Identity} ({unit.Key}) trains {unit.Models} models where this experiment's trains {models}");
        }

        string written;
        try
        {
            written = kind.WriteResult(kind.ReadResult(unit.Payload));
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException or System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"unit {unit.Identity} ({unit.Key}): its result cannot be read: {exception.Message}", exception);
        }

        if (!string.Equals(written, unit.Payload, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"unit {unit.Identity} ({unit.Key}): its result is not one this build writes (read and written again, it differs)");
        }
    }

    /// <summary>Trains <paramref name="count"/> of <paramref name="others"/> (evenly spread over their plan order)
    /// again and requires each result text to be the archived one; returns how many were trained.</summary>
    private static int Verify<TUnit, TUnitResult, TResult>(
        IStorableKind<TUnit, TUnitResult, TResult> kind, List<(int Index, FinishedUnit Unit)> others, int count, int threads, CancellationToken cancellationToken)
    {
        if (others.Count == 0)
        {
            return 0;
        }

        var ordered = others.OrderBy(other => other.Index).ToArray();
        var picked = Enumerable.Range(0, Math.Min(count, ordered.Length))
            .Select(i => ordered[(int)((((long)i * 2) + 1) * ordered.Length / (2L * Math.Min(count, ordered.Length)))])
            .ToArray();
        var trained = UnitScheduler.Run(
            picked,
            threads,
            (other, _) => kind.WriteResult(kind.Train(kind.Units[other.Index], () => { }, cancellationToken)),
            cancellationToken);
        for (var i = 0; i < picked.Length; i++)
        {
            if (!string.Equals(trained.Results[i], picked[i].Unit.Payload, StringComparison.Ordinal))
            {
                throw new InvalidDataException(
                    $"unit {picked[i].Unit.Key} trained again by this build gives another result than the file's: the file was made by code, a spec or data "
                    + "whose numbers differ, so none of its units were imported (a run trains them again)");
            }
        }

        return picked.Length;
    }

    /// <summary>The experiment as the store records it, the numerics version, and each unit's key and identity in plan
    /// order.</summary>
    private static (StoredExperiment Experiment, string Numerics, string[] Keys, string[] Identities) Identify<TUnit, TUnitResult, TResult>(
        IStorableKind<TUnit, TUnitResult, TResult> kind)
    {
        var experiment = kind.Describe();
        var numerics = NumericsVersion.For(experiment.Engine);
        var keys = kind.Units.Select(kind.UnitKey).ToArray();
        var basis = UnitIdentity.OfBasis(experiment, numerics);
        return (experiment, numerics, keys, keys.Select(key => UnitIdentity.Of(basis, key)).ToArray());
    }

    private static (TResult Result, StoreAccount Account) Collect<TUnit, TUnitResult, TResult>(
        IStorableKind<TUnit, TUnitResult, TResult> kind, IRunStore store, long resultId, string[] identities, TUnitResult[] results, List<int> missing, int storedModels)
    {
        var states = store.States(missing.Select(index => identities[index]).ToArray());
        for (var i = 0; i < missing.Count; i++)
        {
            var state = states[i];
            var reason = state.Status switch
            {
                UnitStatus.Running => $"not in the run store yet: being trained by {state.Worker}",
                UnitStatus.Lapsed => $"not in the run store: its worker {state.Worker} stopped renewing its claim (rerun a worker to train it)",
                _ => "not in the run store: no worker has trained it yet (run a worker, or run the experiment)",
            };
            results[missing[i]] = kind.Missing(kind.Units[missing[i]], reason);
        }

        var run = new ScheduledRun<TUnitResult>(results, 0, 1, 0, storedModels);
        return (kind.Summarize(run), new StoreAccount(resultId, identities.Length, identities.Length - missing.Count, storedModels, 0, missing.Count));
    }

    /// <summary><paramref name="pending"/> starting at a place that depends on <paramref name="worker"/> only.</summary>
    private static List<int> Rotated(List<int> pending, string worker)
    {
        if (pending.Count == 0)
        {
            return pending;
        }

        var hash = 2166136261u;
        foreach (var c in worker)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var start = (int)(hash % (uint)pending.Count);
        return [.. pending.Skip(start), .. pending.Take(start)];
    }

    private static string VersionText()
    {
        var version = Reports.CodeVersion.Current;
        return version.Commit is null ? version.Version : $"{version.Version}+{version.Commit}";
    }

    private static void RenewQuietly(IRunStore store, string worker)
    {
        try
        {
            store.Renew(worker);
        }
        catch (RunStoreException)
        {
            // A store that cannot be written fails the next commit with the reason; a missed renewal only risks that
            // another worker takes the unit over after the lease, which the unique identity makes harmless.
        }
    }

    private static void ReleaseQuietly(IRunStore store, string identity, string worker)
    {
        try
        {
            store.Release(identity, worker);
        }
        catch (RunStoreException)
        {
            // The claim lapses with its lease (or at once, since this process is about to end).
        }
    }
}
