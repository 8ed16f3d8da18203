using System.Globalization;
using FairMtl.Host.Store;
using Npgsql;

namespace FairMtl.Tests.Cluster;

/// <summary>
/// A real PostgreSQL server for the tests that need one, started by the project's own <c>scripts/postgres.sh</c> on
/// 127.0.0.1 in a temporary folder (once for all of them) and stopped afterwards. Each test gets a database of its own.
/// Its role <c>fairmtl</c> logs in with a password, read from the script's PGPASSFILE: in-process tests put it into
/// the address (<see cref="UrlWithPassword"/>), child processes get the PGPASSFILE (<see cref="Environment"/>).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private int _databases;

    public PostgresServer()
    {
        Folder = Directory.CreateTempSubdirectory("fairmtl-pg-").FullName;
        Port = FreePort();
        try
        {
            var exports = ScriptRunner.Run("postgres.sh", "start", Folder, Port.ToString(CultureInfo.InvariantCulture));
            PassFile = ScriptRunner.Export(exports, "PGPASSFILE");
            Password = File.ReadAllText(PassFile).Trim().Split(':')[^1];
            using var connection = new NpgsqlConnection(Connection("fairmtl"));
            connection.Open();
            using var command = new NpgsqlCommand("SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user", connection);
            command.ExecuteScalar().ShouldBe(true, "scripts/postgres.sh gives the role fairmtl CREATEDB, for a database per test");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The server's folder (data, socket, log, pgpass).</summary>
    public string Folder { get; }

    /// <summary>Its port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The PGPASSFILE with the role's password.</summary>
    public string PassFile { get; } = string.Empty;

    /// <summary>The role's password.</summary>
    public string Password { get; } = string.Empty;

    /// <summary>Creates an empty database and returns its address without a password.</summary>
    public string NewDatabase()
    {
        var number = Interlocked.Increment(ref _databases);
        var name = string.Create(CultureInfo.InvariantCulture, $"t{number}_{Guid.NewGuid():N}")[..20];
        using var connection = new NpgsqlConnection(Connection("fairmtl"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return string.Create(CultureInfo.InvariantCulture, $"postgres://fairmtl@127.0.0.1:{Port}/{name}");
    }

    /// <summary><paramref name="url"/> with the role's password in it (for in-process stores and runs).</summary>
    public string UrlWithPassword(string url) => url.Replace("postgres://fairmtl@", $"postgres://fairmtl:{Password}@", StringComparison.Ordinal);

    /// <summary>Opens the store at <paramref name="url"/>.</summary>
    public PostgresRunStore Open(string url, TimeSpan? lease = null, TimeSpan? retryFor = null) =>
        PostgresRunStore.Open(PostgresAddress.Parse(UrlWithPassword(url)), lease, retryFor);

    /// <summary>A connection string to <paramref name="database"/> as the role fairmtl.</summary>
    public string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "fairmtl", Password = Password, Database = database, Pooling = false }.ConnectionString;

    /// <summary>The environment a child process needs to reach the server (the PGPASSFILE).</summary>
    public void Environment(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment["PGPASSFILE"] = PassFile;
        environment.Remove("PGPASSWORD");
    }

    /// <summary>Restarts the server (same data and port), as <c>scripts/postgres.sh restart</c> does.</summary>
    public void Restart() => ScriptRunner.Run("postgres.sh", "restart", Folder);

    public void Dispose()
    {
        try
        {
            ScriptRunner.Run("postgres.sh", "stop", Folder);
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The tests that share the one PostgreSQL server (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
