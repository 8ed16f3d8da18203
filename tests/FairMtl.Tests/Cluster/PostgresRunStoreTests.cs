using FairMtl.Host.Store;
using FairMtl.Store;
using FairMtl.Tests.Store;
using Npgsql;

namespace FairMtl.Tests.Cluster;

/// <summary>The PostgreSQL store on a real server: the store contract (commits, claims, leases, history), many workers
/// claiming at once, a restarted server, and every way a database can be unusable.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRunStoreTests(PostgresServer server) : RunStoreContract
{
    /// <inheritdoc/>
    protected override Func<TimeSpan?, IRunStore> NewStore()
    {
        var url = server.NewDatabase();
        return lease => server.Open(url, lease);
    }

    [Fact]
    public void Its_location_is_the_address_without_the_password()
    {
        var url = server.NewDatabase();
        using var store = server.Open(url);
        store.Location.ShouldBe(url);
    }

    [Fact]
    public async Task Workers_on_separate_connections_claiming_at_once_each_get_every_unit_exactly_once()
    {
        var url = server.NewDatabase();
        var identities = Enumerable.Range(0, 300).Select(i => $"unit-{i}").ToArray();
        using (var first = server.Open(url))
        {
            first.BeginResult(Start("many", identities));
        }

        var claimed = new System.Collections.Concurrent.ConcurrentBag<(string Worker, string Identity)>();
        // Six workers, each on its own connection pool and thread, released together and walking the units in the same
        // order: they race for every unit.
        using var start = new Barrier(6);
        var workers = Enumerable.Range(0, 6).Select(w => Task.Factory.StartNew(
            () =>
            {
                var worker = $"machine-{w}:{w}:{w}";
                using var store = server.Open(url);
                start.SignalAndWait();
                foreach (var identity in identities)
                {
                    if (store.TryClaim(identity, worker, evenIfStored: false) == ClaimOutcome.Claimed)
                    {
                        claimed.Add((worker, identity));
                        store.Commit(new FinishedUnit(identity, "{}", 1, worker, 0.01, worker));
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(workers);

        claimed.Select(c => c.Identity).Order(StringComparer.Ordinal).ShouldBe(identities.Order(StringComparer.Ordinal), "each unit claimed once, by one worker");
        using var connection = new NpgsqlConnection(server.Connection(url[(url.LastIndexOf('/') + 1)..]));
        connection.Open();
        Count(connection, "SELECT count(*) FROM fairmtl.units").ShouldBe(300L);
        Count(connection, "SELECT count(*) FROM fairmtl.claims").ShouldBe(0L);
    }

    [Fact]
    public void A_restarted_server_loses_no_committed_unit_and_the_next_operations_succeed_after_retrying()
    {
        var url = server.NewDatabase();
        using var store = server.Open(url);
        store.BeginResult(Start("r", ["a", "b"]));
        store.TryClaim("a", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
        store.Commit(new FinishedUnit("a", "{}", 1, "payload-a", 0.1, Worker));
        store.TryClaim("b", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);

        server.Restart();

        store.Commit(new FinishedUnit("b", "{}", 1, "payload-b", 0.1, Worker));
        store.Payloads(["a", "b"]).ShouldBe(new Dictionary<string, string> { ["a"] = "payload-a", ["b"] = "payload-b" });
    }

    [Fact]
    public void A_server_that_cannot_be_reached_is_a_clear_error_after_the_retries()
    {
        var address = PostgresAddress.Parse($"postgres://fairmtl:secret-word@127.0.0.1:{FreePort()}/nowhere");

        var error = Should.Throw<RunStoreException>(() => PostgresRunStore.Open(address, retryFor: TimeSpan.FromSeconds(1)));

        error.Message.ShouldStartWith($"run store {address.Display}: cannot be opened: the server could not be reached for ");
        error.Message.ShouldNotContain("secret-word");
    }

    [Fact]
    public void A_wrong_password_is_refused_without_showing_it()
    {
        var url = server.NewDatabase();
        var address = PostgresAddress.Parse(url.Replace("postgres://fairmtl@", "postgres://fairmtl:not-the-password@", StringComparison.Ordinal));

        var error = Should.Throw<RunStoreException>(() => PostgresRunStore.Open(address));

        error.Message.ShouldContain("the server refused the password (set PGPASSWORD, or a PGPASSFILE");
        error.Message.ShouldNotContain("not-the-password");
        error.Message.ShouldNotContain(server.Password);
    }

    [Fact]
    public void A_schema_of_a_newer_version_or_of_another_program_is_refused()
    {
        var newer = server.NewDatabase();
        using (server.Open(newer))
        {
        }

        Execute(newer, "UPDATE fairmtl.meta SET value = '99' WHERE name = 'schema_version'");
        Should.Throw<RunStoreException>(() => server.Open(newer)).Message
            .ShouldBe($"run store {newer}: was written by a newer FairMtl (schema version 99; this build reads versions up to {PostgresRunStore.Migrations.Length}); update FairMtl, or choose another database in --store");

        var foreign = server.NewDatabase();
        Execute(foreign, "CREATE SCHEMA fairmtl; CREATE TABLE fairmtl.accounts (id int)");
        Should.Throw<RunStoreException>(() => server.Open(foreign)).Message.ShouldContain("holds tables of another program");
        Count(foreign, "SELECT count(*) FROM fairmtl.accounts").ShouldBe(0L, "left as it was");
    }

    [Theory]
    [InlineData("postgres://127.0.0.1:5432/db", "no user name")]
    [InlineData("postgres://me@127.0.0.1:5432/", "no database name after the host")]
    [InlineData("postgres://me@127.0.0.1/db?sslmode=require", "options after the database name are not supported")]
    public void A_malformed_address_says_what_form_is_expected(string address, string what)
    {
        Should.Throw<FairMtl.Diagnostics.FairMtlException>(() => PostgresAddress.Parse(address)).Message
            .ShouldContain($"{what} (expected postgres://user@host[:port]/database; the password goes in PGPASSWORD or a PGPASSFILE)");
    }

    [Fact]
    public void An_address_keeps_its_parts_and_shows_no_password()
    {
        var address = PostgresAddress.Parse("postgresql://ana:p%40ss@db.example.org/lab");
        (address.User, address.Password, address.Host, address.Port, address.Database).ShouldBe(("ana", "p@ss", "db.example.org", 5432, "lab"));
        address.Display.ShouldBe("postgres://ana@db.example.org:5432/lab");
        StoreLocation.Display("postgres://ana:p%40ss@db.example.org/lab").ShouldNotContain("p%40ss");
    }


    private long Count(string url, string sql)
    {
        using var connection = new NpgsqlConnection(server.Connection(url[(url.LastIndexOf('/') + 1)..]));
        connection.Open();
        return Count(connection, sql);
    }

    private static long Count(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string url, string sql)
    {
        using var connection = new NpgsqlConnection(server.Connection(url[(url.LastIndexOf('/') + 1)..]));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
