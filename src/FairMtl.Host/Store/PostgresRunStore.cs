using System.Diagnostics;
using System.Globalization;
using FairMtl.Store;
using Npgsql;

namespace FairMtl.Host.Store;

/// <summary>
/// The shared run store for many processes on many machines: a PostgreSQL database reached through Npgsql, its tables in
/// a schema of their own (<c>fairmtl</c>) that the program creates and migrates. A claim is one row per unit with a lease
/// on the server's clock (taken in one transaction that locks the row, so two workers never both get it; an expired
/// lease is taken over); a unit's result has its identity as primary key, so it is stored once whoever finishes it.
/// Every operation is its own transaction on a pooled connection and is retried with backoff while the server is
/// unreachable or restarting (up to <see cref="DefaultRetryFor"/>), so that a restarted database loses no finished unit.
/// </summary>
public sealed class PostgresRunStore : IRunStore
{
    /// <summary>The schema's steps: version N has the first N applied.</summary>
    public static readonly string[][] Migrations =
    [
        [
            """
            CREATE TABLE fairmtl.results (
                id BIGSERIAL PRIMARY KEY, experiment TEXT NOT NULL, kind TEXT NOT NULL, identity TEXT NOT NULL UNIQUE,
                numerics_version TEXT NOT NULL, code_version TEXT NOT NULL, spec TEXT NOT NULL, units INTEGER NOT NULL,
                models INTEGER NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, snapshot TEXT)
            """,
            """
            CREATE TABLE fairmtl.units (
                identity TEXT PRIMARY KEY, unit_key TEXT NOT NULL, models INTEGER NOT NULL, payload TEXT NOT NULL,
                seconds DOUBLE PRECISION NOT NULL, worker TEXT NOT NULL, finished TEXT NOT NULL)
            """,
            """
            CREATE TABLE fairmtl.result_units (
                result_id BIGINT NOT NULL REFERENCES fairmtl.results(id), position INTEGER NOT NULL, identity TEXT NOT NULL,
                PRIMARY KEY (result_id, position))
            """,
            "CREATE INDEX result_units_identity ON fairmtl.result_units(identity)",
            "CREATE TABLE fairmtl.claims (identity TEXT PRIMARY KEY, worker TEXT NOT NULL, expires DOUBLE PRECISION NOT NULL)",
            "CREATE INDEX claims_worker ON fairmtl.claims(worker)",
        ],
    ];

    /// <summary>How long an operation is retried while the server cannot be reached, unless <see cref="Open"/> says.</summary>
    public static readonly TimeSpan DefaultRetryFor = TimeSpan.FromMinutes(2);

    private const string Application = "FairMtl";
    private const long MigrationLock = 0x464D544C;
    private const string ServerNow = "extract(epoch from clock_timestamp())";

    private readonly NpgsqlDataSource _source;
    private readonly double _lease;
    private readonly TimeSpan _retryFor;

    private PostgresRunStore(string location, NpgsqlDataSource source, TimeSpan lease, TimeSpan retryFor)
    {
        Location = location;
        _source = source;
        _lease = lease.TotalSeconds;
        _retryFor = retryFor;
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <summary>Connects to the database <paramref name="address"/> names and brings its schema up to date.</summary>
    /// <param name="address">The parsed <c>postgres://</c> address.</param>
    /// <param name="lease">How long a claim holds without renewal (default 60 s).</param>
    /// <param name="retryFor">How long an operation is retried while the server cannot be reached (default
    /// <see cref="DefaultRetryFor"/>).</param>
    /// <exception cref="RunStoreException">The server refuses the connection or the password, the database is missing,
    /// its FairMtl schema is of a newer version or belongs to another program.</exception>
    public static PostgresRunStore Open(PostgresAddress address, TimeSpan? lease = null, TimeSpan? retryFor = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = address.Host,
            Port = address.Port,
            Username = address.User,
            Database = address.Database,
            ApplicationName = "fairmtl",
            Timeout = 15,
            CommandTimeout = 60,
            MaxPoolSize = 16,

            // Claims and commits run the same few statements for every unit: the server parses and plans each once
            // per connection.
            MaxAutoPrepare = 16,
            AutoPrepareMinUsages = 2,
        };
        if ((address.Password ?? Environment.GetEnvironmentVariable("PGPASSWORD")) is { Length: > 0 } password)
        {
            builder.Password = password;
        }
        else if (Environment.GetEnvironmentVariable("PGPASSFILE") is { Length: > 0 } passfile)
        {
            builder.Passfile = passfile;
        }

        var source = NpgsqlDataSource.Create(builder.ConnectionString);
        var store = new PostgresRunStore(address.Display, source, lease ?? TimeSpan.FromSeconds(60), retryFor ?? DefaultRetryFor);
        try
        {
            store.Retrying("cannot be opened", write: true, Migrate);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public long BeginResult(ResultStart result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Retrying("cannot record the run", write: true, (connection, transaction) =>
        {
            var now = StoreText.Now();
            using var insert = Command(
                connection,
                transaction,
                """
                INSERT INTO fairmtl.results (experiment, kind, identity, numerics_version, code_version, spec, units, models, created, updated)
                VALUES (@experiment, @kind, @identity, @numerics, @code, @spec, @units, @models, @now, @now)
                ON CONFLICT (identity) DO UPDATE SET updated = excluded.updated, code_version = excluded.code_version
                RETURNING id
                """,
                ("experiment", result.Experiment), ("kind", result.Kind), ("identity", result.Identity), ("numerics", result.NumericsVersion),
                ("code", result.CodeVersion), ("spec", result.Spec), ("units", result.UnitIdentities.Count), ("models", result.Models), ("now", now));
            var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            using var link = Command(
                connection,
                transaction,
                """
                INSERT INTO fairmtl.result_units (result_id, position, identity)
                SELECT @result, t.position - 1, t.identity FROM unnest(@identities) WITH ORDINALITY AS t(identity, position)
                ON CONFLICT DO NOTHING
                """,
                ("result", id), ("identities", result.UnitIdentities.ToArray()));
            link.ExecuteNonQuery();
            return id;
        });
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Payloads(IReadOnlyList<string> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        return Retrying("cannot read stored units", write: false, (connection, transaction) =>
        {
            var payloads = new Dictionary<string, string>(StringComparer.Ordinal);
            using var select = Command(connection, transaction, "SELECT identity, payload FROM fairmtl.units WHERE identity = ANY(@identities)", ("identities", identities.ToArray()));
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                payloads[reader.GetString(0)] = reader.GetString(1);
            }

            return payloads;
        });
    }

    /// <inheritdoc/>
    public ClaimOutcome TryClaim(string identity, string worker, bool evenIfStored) =>
        Retrying("cannot claim a unit", write: true, (connection, transaction) => Claim(connection, transaction!, identity, worker, evenIfStored));

    /// <inheritdoc/>
    public IReadOnlyList<ClaimOutcome> TryClaimMany(IReadOnlyList<string> identities, string worker, bool evenIfStored)
    {
        ArgumentNullException.ThrowIfNull(identities);
        return Retrying(
            "cannot claim units", write: true, (connection, transaction) => identities.Select(identity => Claim(connection, transaction!, identity, worker, evenIfStored)).ToArray());
    }

    /// <inheritdoc/>
    public void Commit(FinishedUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        Retrying("cannot commit a finished unit", write: true, (connection, transaction) =>
        {
            using var insert = Command(
                connection,
                transaction,
                """
                INSERT INTO fairmtl.units (identity, unit_key, models, payload, seconds, worker, finished)
                VALUES (@identity, @key, @models, @payload, @seconds, @worker, @finished)
                ON CONFLICT (identity) DO UPDATE SET unit_key = excluded.unit_key, models = excluded.models, payload = excluded.payload,
                    seconds = excluded.seconds, worker = excluded.worker, finished = excluded.finished
                """,
                ("identity", unit.Identity), ("key", unit.Key), ("models", unit.Models), ("payload", unit.Payload),
                ("seconds", unit.Seconds), ("worker", unit.Worker), ("finished", StoreText.Now()));
            insert.ExecuteNonQuery();
            using var release = Command(connection, transaction, "DELETE FROM fairmtl.claims WHERE identity = @identity AND worker = @worker", ("identity", unit.Identity), ("worker", unit.Worker));
            return release.ExecuteNonQuery();
        });
    }

    /// <inheritdoc/>
    public void Release(string identity, string worker) =>
        Retrying("cannot release a claim", write: true, (connection, transaction) =>
        {
            using var release = Command(connection, transaction, "DELETE FROM fairmtl.claims WHERE identity = @identity AND worker = @worker", ("identity", identity), ("worker", worker));
            return release.ExecuteNonQuery();
        });

    /// <inheritdoc/>
    public void Renew(string worker) =>
        Retrying("cannot renew claims", write: true, (connection, transaction) =>
        {
            using var renew = Command(connection, transaction, $"UPDATE fairmtl.claims SET expires = {ServerNow} + @lease WHERE worker = @worker", ("lease", _lease), ("worker", worker));
            return renew.ExecuteNonQuery();
        });

    /// <inheritdoc/>
    public void CompleteResult(long resultId, string snapshot) =>
        Retrying("cannot record the result's tables", write: true, (connection, transaction) =>
        {
            using var update = Command(
                connection, transaction, "UPDATE fairmtl.results SET snapshot = @snapshot, updated = @now WHERE id = @id", ("snapshot", snapshot), ("now", StoreText.Now()), ("id", resultId));
            return update.ExecuteNonQuery();
        });

    /// <inheritdoc/>
    public IReadOnlyList<StoredResult> Results() =>
        Retrying("cannot list results", write: false, (connection, transaction) =>
        {
            using var select = Command(connection, transaction, StoreText.Summaries("fairmtl.", "ORDER BY r.id"));
            using var reader = select.ExecuteReader();
            return StoreText.AllSummaries(reader);
        });

    /// <inheritdoc/>
    public StoredResultDetail? Result(long id) =>
        Retrying("cannot read a result", write: false, (connection, transaction) =>
        {
            using var select = Command(connection, transaction, StoreText.Summaries("fairmtl.", "WHERE r.id = @id"), ("id", id));
            using var reader = select.ExecuteReader();
            return reader.Read() ? StoreText.Detail(reader) : null;
        });

    /// <inheritdoc/>
    public IReadOnlyList<UnitState> States(IReadOnlyList<string> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        return Retrying("cannot read the units' states", write: false, (connection, transaction) =>
        {
            using var select = Command(
                connection,
                transaction,
                $"""
                SELECT i.identity, u.seconds, u.worker, c.worker, {ServerNow} - (c.expires - @lease), c.expires > {ServerNow}
                FROM unnest(@identities) WITH ORDINALITY AS i(identity, position)
                LEFT JOIN fairmtl.units u ON u.identity = i.identity
                LEFT JOIN fairmtl.claims c ON c.identity = i.identity
                ORDER BY i.position
                """,
                ("identities", identities.ToArray()), ("lease", _lease));
            using var reader = select.ExecuteReader();
            return StoreText.States(reader);
        });
    }

    /// <inheritdoc/>
    public void Dispose() => _source.Dispose();

    private ClaimOutcome Claim(NpgsqlConnection connection, NpgsqlTransaction transaction, string identity, string worker, bool evenIfStored)
    {
        while (true)
        {
            using var insert = Command(
                connection,
                transaction,
                $"INSERT INTO fairmtl.claims (identity, worker, expires) VALUES (@identity, @worker, {ServerNow} + @lease) ON CONFLICT (identity) DO NOTHING",
                ("identity", identity), ("worker", worker), ("lease", _lease));
            if (insert.ExecuteNonQuery() == 0)
            {
                // Held: lock the claim's row, then take it over if its holder is this worker, its lease has lapsed, or
                // its process has ended on this machine.
                using var holder = Command(
                    connection, transaction, $"SELECT worker, expires > {ServerNow} FROM fairmtl.claims WHERE identity = @identity FOR UPDATE", ("identity", identity));
                string other;
                bool live;
                using (var reader = holder.ExecuteReader())
                {
                    if (!reader.Read())
                    {
                        continue; // released meanwhile: try again
                    }

                    (other, live) = (reader.GetString(0), reader.GetBoolean(1));
                }

                if (other != worker && live && !WorkerId.HasEndedOnThisMachine(other))
                {
                    return ClaimOutcome.HeldByOther;
                }

                using var take = Command(
                    connection,
                    transaction,
                    $"UPDATE fairmtl.claims SET worker = @worker, expires = {ServerNow} + @lease WHERE identity = @identity",
                    ("identity", identity), ("worker", worker), ("lease", _lease));
                take.ExecuteNonQuery();
            }

            // Checked after the claim, so that a unit committed while this claim waited for the row is seen.
            if (!evenIfStored)
            {
                using var stored = Command(connection, transaction, "SELECT 1 FROM fairmtl.units WHERE identity = @identity", ("identity", identity));
                if (stored.ExecuteScalar() is not null)
                {
                    using var release = Command(connection, transaction, "DELETE FROM fairmtl.claims WHERE identity = @identity AND worker = @worker", ("identity", identity), ("worker", worker));
                    release.ExecuteNonQuery();
                    return ClaimOutcome.Stored;
                }
            }

            return ClaimOutcome.Claimed;
        }
    }

    private static int Migrate(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        // Workers starting together: one migrates, the others wait for it and find the schema current.
        using (var lockSchema = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("key", MigrationLock)))
        {
            lockSchema.ExecuteNonQuery();
        }

        using (var create = Command(connection, transaction, "CREATE SCHEMA IF NOT EXISTS fairmtl; CREATE TABLE IF NOT EXISTS fairmtl.meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"))
        {
            create.ExecuteNonQuery();
        }

        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var read = Command(connection, transaction, "SELECT name, value FROM fairmtl.meta"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                meta[reader.GetString(0)] = reader.GetString(1);
            }
        }

        using (var tables = Command(connection, transaction, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'fairmtl' AND table_name <> 'meta'"))
        {
            var others = Convert.ToInt64(tables.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (meta.GetValueOrDefault("application") is { } application ? application != Application : others > 0)
            {
                throw new SchemaRefusal("its schema fairmtl holds tables of another program (no FairMtl marker in fairmtl.meta); choose another database in --store");
            }
        }

        var version = meta.TryGetValue("schema_version", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        if (version > Migrations.Length)
        {
            throw new SchemaRefusal(
                $"was written by a newer FairMtl (schema version {version}; this build reads versions up to {Migrations.Length}); update FairMtl, or choose another database in --store");
        }

        for (var step = version; step < Migrations.Length; step++)
        {
            foreach (var statement in Migrations[step])
            {
                using var command = Command(connection, transaction, statement);
                command.ExecuteNonQuery();
            }
        }

        using var mark = Command(
            connection,
            transaction,
            """
            INSERT INTO fairmtl.meta (name, value) VALUES ('application', @application), ('schema_version', @version)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """,
            ("application", Application), ("version", Migrations.Length.ToString(CultureInfo.InvariantCulture)));
        return mark.ExecuteNonQuery();
    }

    private T Retrying<T>(string what, bool write, Func<NpgsqlConnection, NpgsqlTransaction?, T> work)
    {
        var clock = Stopwatch.StartNew();
        var wait = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                using var connection = _source.OpenConnection();
                using var transaction = write ? connection.BeginTransaction() : null;
                var result = work(connection, transaction);
                transaction?.Commit();
                return result;
            }
            catch (SchemaRefusal refusal)
            {
                throw new RunStoreException($"run store {Location}: {refusal.Message}");
            }
            catch (NpgsqlException exception) when (IsTransient(exception) && clock.Elapsed < _retryFor)
            {
                // The server restarts, or the network drops: the transaction did not happen (or happened, and every
                // operation is safe to repeat); wait and try again.
                Thread.Sleep(wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (NpgsqlException exception)
            {
                throw Translate(exception, what, clock.Elapsed);
            }
        }
    }

    private static bool IsTransient(NpgsqlException exception) =>
        exception is PostgresException postgres
            ? postgres.SqlState is "57P01" or "57P02" or "57P03" or "40001" or "40P01" || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            : exception.IsTransient || exception.InnerException is IOException or System.Net.Sockets.SocketException or TimeoutException;

    private RunStoreException Translate(NpgsqlException exception, string what, TimeSpan tried)
    {
        var reason = exception is PostgresException postgres
            ? postgres.SqlState switch
            {
                "28P01" or "28000" => "the server refused the password (set PGPASSWORD, or a PGPASSFILE with a line host:port:database:user:password)",
                "3D000" => "the database does not exist (create it, or name another in --store)",
                "42501" => "permission denied (the user needs to create the schema fairmtl and its tables, or to use them)",
                "53100" => "the server's disk is full (the units committed before are kept: free space and rerun to resume)",
                _ => $"PostgreSQL error {postgres.SqlState}",
            }
            : IsTransient(exception)
                ? string.Create(CultureInfo.InvariantCulture, $"the server could not be reached for {tried.TotalSeconds:F0} s (is it running, and is the address right?)")
                : exception.Message.Contains("password", StringComparison.OrdinalIgnoreCase)
                    ? "the server asks for a password (set PGPASSWORD, or a PGPASSFILE with a line host:port:database:user:password)"
                    : "the connection failed";
        return new RunStoreException($"run store {Location}: {what}: {reason} ({StoreText.Redacted(exception.Message)})", exception);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>A schema this build must not use: reported as it is, never retried.</summary>
    private sealed class SchemaRefusal(string message) : Exception(message);
}
