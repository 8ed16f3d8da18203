namespace FairMtl.Store;

/// <summary>
/// Where finished units of work are kept, so that a run that is killed loses nothing and a rerun trains only what is
/// missing, and where every experiment's results are kept over time (other specs, other code versions). One
/// implementation per database (SQLite embedded by default, PostgreSQL for many machines); every method is safe to call
/// from several threads and from several processes on the same store.
/// </summary>
public interface IRunStore : IDisposable
{
    /// <summary>Where the store is, for messages (a path, or a connection string without its password).</summary>
    string Location { get; }

    /// <summary>Records that <paramref name="result"/> is being run (or run again) and returns its id; the same result
    /// identity always gets the same id.</summary>
    long BeginResult(ResultStart result);

    /// <summary>The stored payloads of those of <paramref name="identities"/> that the store holds.</summary>
    IReadOnlyDictionary<string, string> Payloads(IReadOnlyList<string> identities);

    /// <summary>
    /// Claims a unit for <paramref name="worker"/> (a lease that <see cref="Renew"/> extends): granted when nobody holds
    /// a live claim on it, refused as <see cref="ClaimOutcome.Stored"/> when it is already stored (unless
    /// <paramref name="evenIfStored"/>), or as <see cref="ClaimOutcome.HeldByOther"/>.
    /// </summary>
    ClaimOutcome TryClaim(string identity, string worker, bool evenIfStored);

    /// <summary>
    /// <see cref="TryClaim"/> for several units in one transaction (one round trip): how a worker claims ahead when its
    /// units are too short to be worth a transaction each. The outcomes are in the order of <paramref name="identities"/>.
    /// </summary>
    IReadOnlyList<ClaimOutcome> TryClaimMany(IReadOnlyList<string> identities, string worker, bool evenIfStored);

    /// <summary>Commits a finished unit in its own transaction and drops its claim.</summary>
    void Commit(FinishedUnit unit);

    /// <summary>Drops <paramref name="worker"/>'s claim on a unit it did not finish (cancelled).</summary>
    void Release(string identity, string worker);

    /// <summary>Extends every claim of <paramref name="worker"/> by the lease.</summary>
    void Renew(string worker);

    /// <summary>Records the finished result's tables (the snapshot text) and marks it complete.</summary>
    void CompleteResult(long resultId, string snapshot);

    /// <summary>Every stored result, oldest first, with how many of its units are stored.</summary>
    IReadOnlyList<StoredResult> Results();

    /// <summary>One stored result with its spec and tables, or null.</summary>
    StoredResultDetail? Result(long id);

    /// <summary>What the store knows of each of <paramref name="identities"/> (in that order): stored, claimed by a live
    /// worker, claimed under a lapsed lease, or neither.</summary>
    IReadOnlyList<UnitState> States(IReadOnlyList<string> identities);
}

/// <summary>Where a unit stands in a store.</summary>
public enum UnitStatus
{
    /// <summary>Neither stored nor claimed.</summary>
    Pending,

    /// <summary>Claimed by a worker whose lease is live.</summary>
    Running,

    /// <summary>Claimed under a lease that lapsed (its worker died or lost the store): the next worker takes it over.</summary>
    Lapsed,

    /// <summary>Finished and stored.</summary>
    Stored,
}

/// <summary>A unit's state (<see cref="IRunStore.States"/>).</summary>
/// <param name="Identity">Its identity.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Worker">Who trained it (stored) or holds it (claimed); null when pending.</param>
/// <param name="Seconds">Stored: the wall time it took; claimed: the age of the claim's lease (since it was taken or
/// last renewed); pending: 0.</param>
public sealed record UnitState(string Identity, UnitStatus Status, string? Worker, double Seconds);

/// <summary>The outcome of <see cref="IRunStore.TryClaim"/>.</summary>
public enum ClaimOutcome
{
    /// <summary>The unit is this worker's to train.</summary>
    Claimed,

    /// <summary>The unit is already stored: read it instead.</summary>
    Stored,

    /// <summary>Another live worker holds it: wait for its result.</summary>
    HeldByOther,
}

/// <summary>What <see cref="IRunStore.BeginResult"/> records about a run.</summary>
/// <param name="Experiment">The experiment name.</param>
/// <param name="Kind">The experiment kind (<c>sweep</c>, <c>comparison</c>, <c>multi-task</c>).</param>
/// <param name="Identity">The result's identity (<see cref="UnitIdentity.OfResult"/>).</param>
/// <param name="NumericsVersion">The numerics version of the code.</param>
/// <param name="CodeVersion">The library version (and commit) for people.</param>
/// <param name="Spec">The resolved spec as canonical JSON.</param>
/// <param name="UnitIdentities">The identity of every unit, in plan order.</param>
/// <param name="Models">The models the units train.</param>
public sealed record ResultStart(
    string Experiment, string Kind, string Identity, string NumericsVersion, string CodeVersion, string Spec, IReadOnlyList<string> UnitIdentities, int Models);

/// <summary>A finished unit as <see cref="IRunStore.Commit"/> stores it.</summary>
/// <param name="Identity">Its identity.</param>
/// <param name="Key">Its canonical key (for people and diffs).</param>
/// <param name="Models">The models it trained.</param>
/// <param name="Payload">Its result's text form.</param>
/// <param name="Seconds">Wall time it took.</param>
/// <param name="Worker">Who trained it.</param>
public sealed record FinishedUnit(string Identity, string Key, int Models, string Payload, double Seconds, string Worker);

/// <summary>A stored result as <c>runs list</c> shows it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Experiment">The experiment name.</param>
/// <param name="Kind">The experiment kind.</param>
/// <param name="NumericsVersion">The numerics version of the code that ran it.</param>
/// <param name="CodeVersion">The library version (and commit).</param>
/// <param name="Identity">The result identity.</param>
/// <param name="Created">When it was first run (UTC, ISO 8601).</param>
/// <param name="Updated">When it was last run or completed (UTC, ISO 8601).</param>
/// <param name="Units">Its units.</param>
/// <param name="StoredUnits">How many of them the store holds.</param>
/// <param name="Complete">Whether a run finished and recorded the tables.</param>
public sealed record StoredResult(
    long Id, string Experiment, string Kind, string NumericsVersion, string CodeVersion, string Identity, string Created, string Updated, int Units, int StoredUnits, bool Complete);

/// <summary>A stored result with its spec and tables (<c>runs show</c>, <c>runs diff</c>).</summary>
/// <param name="Summary">As listed.</param>
/// <param name="Spec">The resolved spec as canonical JSON.</param>
/// <param name="Snapshot">The tables as snapshot text, or null when no run completed.</param>
public sealed record StoredResultDetail(StoredResult Summary, string Spec, string? Snapshot);

/// <summary>A run store that cannot be used or written (corrupt, foreign, newer schema, full disk, unreachable).</summary>
public sealed class RunStoreException(string message, Exception? inner = null) : Exception(message, inner);
