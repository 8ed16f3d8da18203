using System.Globalization;
using FairMtl.Store;
using Microsoft.Data.Sqlite;

namespace FairMtl.Host.Store;

/// <summary>
/// The embedded run store: one SQLite file (WAL journal, synchronous NORMAL: a committed unit survives a killed
/// process), marked with FairMtl's application id and a schema version that <see cref="Migrations"/> brings up to date.
/// Each finished unit is its own transaction; claims carry a lease that the running process renews. One connection,
/// used under a lock, serves the process's threads; other processes wait on SQLite's busy timeout.
/// </summary>
public sealed class SqliteRunStore : IRunStore
{
    /// <summary>PRAGMA application_id of a FairMtl run store ("FMTL").</summary>
    public const int ApplicationId = 0x464D544C;

    /// <summary>
    /// The schema, one step per version (user_version N = the first N steps applied). A store of an older version is
    /// migrated when opened; one of a newer version is refused.
    /// </summary>
    public static readonly string[][] Migrations =
    [
        [
            """
            CREATE TABLE results (
                id INTEGER PRIMARY KEY, experiment TEXT NOT NULL, kind TEXT NOT NULL, identity TEXT NOT NULL UNIQUE,
                numerics_version TEXT NOT NULL, code_version TEXT NOT NULL, spec TEXT NOT NULL, units INTEGER NOT NULL,
                models INTEGER NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, snapshot TEXT)
            """,
            """
            CREATE TABLE units (
                identity TEXT PRIMARY KEY, unit_key TEXT NOT NULL, models INTEGER NOT NULL, payload TEXT NOT NULL,
                seconds REAL NOT NULL, worker TEXT NOT NULL, finished TEXT NOT NULL)
            """,
            """
            CREATE TABLE result_units (
                result_id INTEGER NOT NULL REFERENCES results(id), position INTEGER NOT NULL, identity TEXT NOT NULL,
                PRIMARY KEY (result_id, position))
            """,
        ],
        [
            "CREATE TABLE claims (identity TEXT PRIMARY KEY, worker TEXT NOT NULL, expires REAL NOT NULL)",
            "CREATE INDEX result_units_identity ON result_units(identity)",
        ],
    ];

    private static Task? s_warming;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly TimeSpan _lease;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    private SqliteRunStore(string path, SqliteConnection connection, TimeSpan lease)
    {
        Location = path;
        _connection = connection;
        _lease = lease;
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> and migrates it to the current schema.</summary>
    /// <param name="path">The store file.</param>
    /// <param name="lease">How long a claim holds without renewal (default 60 s).</param>
    /// <param name="maxPages">For tests: the largest size the file may grow to, in pages (SQLite's max_page_count), to
    /// see what a full disk does.</param>
    /// <exception cref="RunStoreException">The file is not a FairMtl store, is corrupt, is of a newer schema, or cannot
    /// be created.</exception>
    public static SqliteRunStore Open(string path, TimeSpan? lease = null, long? maxPages = null)
    {
        var display = path.Replace('\\', '/');
        SqliteConnection? connection = null;
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                throw new RunStoreException($"run store {display}: is a folder (expected a store file, e.g. {Path.Combine(display, "runs.db").Replace('\\', '/')})");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var builder = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 60 };
            connection = new SqliteConnection(builder.ToString());
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 60000");
            var applicationId = Scalar(connection, "PRAGMA application_id");
            var version = Scalar(connection, "PRAGMA user_version");
            var objects = Scalar(connection, "SELECT count(*) FROM sqlite_master");
            if (applicationId != ApplicationId && !(applicationId == 0 && objects == 0))
            {
                throw new RunStoreException(
                    $"run store {display}: is an SQLite database of another application (application_id {applicationId}, expected {ApplicationId} for FairMtl); " +
                    "choose another file with --store");
            }

            if (version > Migrations.Length)
            {
                throw new RunStoreException(
                    $"run store {display}: was written by a newer FairMtl (schema version {version}; this build reads versions up to {Migrations.Length}); " +
                    "update FairMtl, or choose another file with --store");
            }

            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, "PRAGMA synchronous = NORMAL");
            Migrate(connection);
            if (maxPages is { } pages)
            {
                Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {pages}"));
            }

            return new SqliteRunStore(display, connection, lease ?? TimeSpan.FromSeconds(60));
        }
        catch (SqliteException exception)
        {
            connection?.Dispose();
            throw Translate(display, exception, "cannot be opened");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            connection?.Dispose();
            throw new RunStoreException($"run store {display}: cannot be created ({exception.Message})", exception);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public long BeginResult(ResultStart result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write("cannot record the run", () =>
        {
            var now = StoreText.Now();
            using var insert = Command(
                """
                INSERT INTO results (experiment, kind, identity, numerics_version, code_version, spec, units, models, created, updated)
                VALUES ($experiment, $kind, $identity, $numerics, $code, $spec, $units, $models, $now, $now)
                ON CONFLICT (identity) DO UPDATE SET updated = excluded.updated, code_version = excluded.code_version
                RETURNING id
                """,
                ("$experiment", result.Experiment), ("$kind", result.Kind), ("$identity", result.Identity), ("$numerics", result.NumericsVersion),
                ("$code", result.CodeVersion), ("$spec", result.Spec), ("$units", result.UnitIdentities.Count), ("$models", result.Models), ("$now", now));
            var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            using var link = Command(
                "INSERT OR IGNORE INTO result_units (result_id, position, identity) VALUES ($result, $position, $identity)",
                ("$result", id), ("$position", 0), ("$identity", string.Empty));
            for (var position = 0; position < result.UnitIdentities.Count; position++)
            {
                link.Parameters["$position"].Value = position;
                link.Parameters["$identity"].Value = result.UnitIdentities[position];
                link.ExecuteNonQuery();
            }

            return id;
        });
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Payloads(IReadOnlyList<string> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        return Read("cannot read stored units", () => PayloadsCore(identities));
    }

    /// <inheritdoc/>
    public ClaimOutcome TryClaim(string identity, string worker, bool evenIfStored) =>
        Write("cannot claim a unit", () => TryClaimCore(identity, worker, evenIfStored));

    /// <inheritdoc/>
    public IReadOnlyList<ClaimOutcome> TryClaimMany(IReadOnlyList<string> identities, string worker, bool evenIfStored)
    {
        ArgumentNullException.ThrowIfNull(identities);
        return Write("cannot claim units", () => identities.Select(identity => TryClaimCore(identity, worker, evenIfStored)).ToArray());
    }

    /// <inheritdoc/>
    public void Commit(FinishedUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        Write("cannot commit a finished unit", () => CommitCore(unit));
    }

    /// <inheritdoc/>
    public void Release(string identity, string worker) =>
        Write("cannot release a claim", () =>
        {
            using var release = Command("DELETE FROM claims WHERE identity = $identity AND worker = $worker", ("$identity", identity), ("$worker", worker));
            return release.ExecuteNonQuery();
        });

    /// <inheritdoc/>
    public void Renew(string worker) => Write("cannot renew claims", () => RenewCore(worker));

    private Dictionary<string, string> PayloadsCore(IReadOnlyList<string> identities)
    {
        var payloads = new Dictionary<string, string>(StringComparer.Ordinal);
        using var select = Command("SELECT payload FROM units WHERE identity = $identity", ("$identity", string.Empty));
        foreach (var identity in identities)
        {
            select.Parameters["$identity"].Value = identity;
            if (select.ExecuteScalar() is string payload)
            {
                payloads[identity] = payload;
            }
        }

        return payloads;
    }

    private ClaimOutcome TryClaimCore(string identity, string worker, bool evenIfStored)
    {
        if (!evenIfStored)
        {
            var stored = Prepared("SELECT 1 FROM units WHERE identity = $identity", ("$identity", identity));
            if (stored.ExecuteScalar() is not null)
            {
                return ClaimOutcome.Stored;
            }
        }

        using (var reader = Prepared("SELECT worker, expires FROM claims WHERE identity = $identity", ("$identity", identity)).ExecuteReader())
        {
            if (reader.Read())
            {
                var other = reader.GetString(0);
                var live = reader.GetDouble(1) > UnixNow() && !WorkerId.HasEndedOnThisMachine(other);
                if (other != worker && live)
                {
                    return ClaimOutcome.HeldByOther;
                }
            }
        }

        Prepared(
            "INSERT OR REPLACE INTO claims (identity, worker, expires) VALUES ($identity, $worker, $expires)",
            ("$identity", identity), ("$worker", worker), ("$expires", UnixNow() + _lease.TotalSeconds)).ExecuteNonQuery();
        return ClaimOutcome.Claimed;
    }

    private int CommitCore(FinishedUnit unit)
    {
        Prepared(
            """
            INSERT INTO units (identity, unit_key, models, payload, seconds, worker, finished)
            VALUES ($identity, $key, $models, $payload, $seconds, $worker, $finished)
            ON CONFLICT (identity) DO UPDATE SET unit_key = excluded.unit_key, models = excluded.models, payload = excluded.payload,
                seconds = excluded.seconds, worker = excluded.worker, finished = excluded.finished
            """,
            ("$identity", unit.Identity), ("$key", unit.Key), ("$models", unit.Models), ("$payload", unit.Payload),
            ("$seconds", unit.Seconds), ("$worker", unit.Worker), ("$finished", StoreText.Now())).ExecuteNonQuery();
        Prepared("DELETE FROM claims WHERE identity = $identity AND worker = $worker", ("$identity", unit.Identity), ("$worker", unit.Worker)).ExecuteNonQuery();
        return 0;
    }

    private int RenewCore(string worker)
    {
        return Prepared("UPDATE claims SET expires = $expires WHERE worker = $worker", ("$expires", UnixNow() + _lease.TotalSeconds), ("$worker", worker))
            .ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public void CompleteResult(long resultId, string snapshot) =>
        Write("cannot record the result's tables", () =>
        {
            using var update = Command("UPDATE results SET snapshot = $snapshot, updated = $now WHERE id = $id", ("$snapshot", snapshot), ("$now", StoreText.Now()), ("$id", resultId));
            return update.ExecuteNonQuery();
        });

    /// <inheritdoc/>
    public IReadOnlyList<StoredResult> Results() =>
        Read("cannot list results", () =>
        {
            using var select = Command(StoreText.Summaries(string.Empty, "ORDER BY r.id"));
            using var reader = select.ExecuteReader();
            return StoreText.AllSummaries(reader);
        });

    /// <inheritdoc/>
    public StoredResultDetail? Result(long id) =>
        Read("cannot read a result", () =>
        {
            using var select = Command(StoreText.Summaries(string.Empty, "WHERE r.id = @id"), ("@id", id));
            using var reader = select.ExecuteReader();
            return reader.Read() ? StoreText.Detail(reader) : null;
        });

    /// <summary>
    /// Runs every statement a run uses once, in a transaction that is rolled back (nothing is written), so that their
    /// code is compiled and prepared before training starts: called on the idle core while the data loads.
    /// </summary>
    public void Rehearse()
    {
        lock (_gate)
        {
            try
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                _transaction = transaction;
                const string Identity = "rehearsal";
                TryClaimCore(Identity, Identity, evenIfStored: false);
                CommitCore(new FinishedUnit(Identity, string.Empty, 0, string.Empty, 0, Identity));
                RenewCore(Identity);
                PayloadsCore([Identity]);
                transaction.Rollback();
            }
            catch (SqliteException exception)
            {
                throw Translate(Location, exception, "cannot be used");
            }
            finally
            {
                _transaction = null;
            }
        }
    }

    /// <summary>
    /// Loads and compiles what a run's store needs (the native library, the provider's code, the schema and every
    /// statement a run uses) on an in-memory database, touching no file, once per process and on another thread: the
    /// run command starts it as the process starts, before it knows whether the run gets as far as opening its store
    /// (a mistake in the experiment file must not leave a store file behind), so that opening the store later costs
    /// the training threads nothing. A failure here is ignored: opening the real store reports it.
    /// </summary>
    public static Task WarmUpInBackground() => LazyInitializer.EnsureInitialized(ref s_warming, () => Task.Run(WarmUpQuietly));

    /// <inheritdoc/>
    public IReadOnlyList<UnitState> States(IReadOnlyList<string> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        return Read("cannot read the units' states", () =>
        {
            var now = UnixNow();
            var states = new List<UnitState>(identities.Count);
            using var select = Command(
                """
                SELECT $identity, u.seconds, u.worker, c.worker, $now - (c.expires - $lease), c.expires > $now
                FROM (SELECT 1) LEFT JOIN units u ON u.identity = $identity LEFT JOIN claims c ON c.identity = $identity
                """,
                ("$identity", string.Empty), ("$now", now), ("$lease", _lease.TotalSeconds));
            foreach (var identity in identities)
            {
                select.Parameters["$identity"].Value = identity;
                using var reader = select.ExecuteReader();
                states.AddRange(StoreText.States(reader));
            }

            return states;
        });
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var command in _prepared.Values)
            {
                command.Dispose();
            }

            _prepared.Clear();
        }

        _connection.Dispose();
    }

    private static void WarmUpQuietly()
    {
        try
        {
            var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
            using var store = new SqliteRunStore(":memory:", connection, TimeSpan.FromSeconds(60));
            connection.Open();
            Migrate(connection);
            store.Rehearse();
        }
        catch (Exception exception) when (exception is SqliteException or RunStoreException or InvalidOperationException or DllNotFoundException)
        {
            // Opening the run's own store reports what is wrong.
        }
    }

    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = (int)Scalar(connection, "PRAGMA user_version", transaction);
        for (var step = version; step < Migrations.Length; step++)
        {
            foreach (var statement in Migrations[step])
            {
                Execute(connection, statement, transaction);
            }
        }

        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {Migrations.Length}"), transaction);
        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId}"), transaction);
        transaction.Commit();
    }

    private T Write<T>(string what, Func<T> work)
    {
        lock (_gate)
        {
            try
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                _transaction = transaction;
                var result = work();
                transaction.Commit();
                return result;
            }
            catch (SqliteException exception)
            {
                throw Translate(Location, exception, what);
            }
            finally
            {
                _transaction = null;
            }
        }
    }

    private T Read<T>(string what, Func<T> work)
    {
        lock (_gate)
        {
            try
            {
                return work();
            }
            catch (SqliteException exception)
            {
                throw Translate(Location, exception, what);
            }
        }
    }

    /// <summary>
    /// The store's one command for <paramref name="sql"/> (made and prepared at its first use, then kept), in the open
    /// transaction, with its parameters set: the claims and commits of every unit run the same few statements, and
    /// SQLite then compiles each once instead of once per unit. Callers hold the gate.
    /// </summary>
    private SqliteCommand Prepared(string sql, params (string Name, object Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _prepared[sql] = command;
        }

        command.Transaction = _transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value;
        }

        return command;
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static RunStoreException Translate(string location, SqliteException exception, string what)
    {
        var reason = (exception.SqliteErrorCode & 0xFF) switch
        {
            13 => "the disk is full (the units committed before are kept: free space and rerun the same command to resume)",
            26 => "it is not an SQLite database (a damaged store, or another kind of file): move it away or choose another file with --store",
            11 => "the file is damaged (SQLite reports corruption): move it away and rerun, or choose another file with --store",
            5 or 6 => "another process has kept it locked for over a minute",
            8 => "it is read-only",
            14 => "the file cannot be opened",
            10 => "an input/output error occurred",
            _ => $"SQLite error {exception.SqliteErrorCode}",
        };
        return new RunStoreException($"run store {location}: {what}: {reason} ({exception.Message.TrimEnd('.')})", exception);
    }

    private static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }


    private static double UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
