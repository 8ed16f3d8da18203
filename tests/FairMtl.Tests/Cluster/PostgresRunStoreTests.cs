using FairMtl.Host.Store;
using FairMtl.Store;
using Npgsql;

namespace FairMtl.Tests.Cluster;

/// <summary>The PostgreSQL store on a real server: the store contract (commits, claims, leases, history), many workers
/// claiming at once, a restarted server, and every way a database can be unusable.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRunStoreTests(PostgresServer server)
{
    private const string Worker = "test-machine:1:1";
    private const string OtherWorker = "other-machine:2:2";

    [Fact]
    public void A_committed_unit_is_read_back_counted_and_its_result_completed()
    {
        var url = server.NewDatabase();
        long id;
        using (var store = server.Open(url))
        {
            id = store.BeginResult(Start("r1", ["u1", "u2"]));
            store.TryClaim("u1", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
            store.Commit(new FinishedUnit("u1", "{\"k\":1}", 1, "payload-1", 0.5, Worker));
        }

        using var reopened = server.Open(url);
        reopened.Location.ShouldBe(url, "the address as shown: no password");
        reopened.Payloads(["u1", "u2"]).ShouldBe(new Dictionary<string, string> { ["u1"] = "payload-1" });
        reopened.TryClaim("u1", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Stored);
        reopened.BeginResult(Start("r1", ["u1", "u2"])).ShouldBe(id, "the same result identity keeps its id");
        var listed = reopened.Results().ShouldHaveSingleItem();
        (listed.Units, listed.StoredUnits, listed.Complete).ShouldBe((2, 1, false));
        reopened.CompleteResult(id, "## table\na\n1\n");
        reopened.Result(id)!.Snapshot.ShouldBe("## table\na\n1\n");
        reopened.States(["u2", "u1"]).Select(state => (state.Identity, state.Status)).ShouldBe([("u2", UnitStatus.Pending), ("u1", UnitStatus.Stored)]);
    }

    [Fact]
    public void A_claim_is_refused_to_others_while_its_lease_is_live_and_taken_over_when_it_lapses()
    {
        using var store = server.Open(server.NewDatabase(), lease: TimeSpan.FromMilliseconds(600));

        store.TryClaim("u", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
        store.TryClaim("u", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.HeldByOther);
        store.States(["u"]).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            state => state.Status.ShouldBe(UnitStatus.Running), state => state.Worker.ShouldBe(OtherWorker), state => state.Seconds.ShouldBeLessThan(0.6));
        store.TryClaim("u", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed, "a worker may claim again what it holds");
        Thread.Sleep(800);
        store.States(["u"]).ShouldHaveSingleItem().Status.ShouldBe(UnitStatus.Lapsed);
        store.TryClaim("u", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed, "the other worker's lease lapsed");
        store.TryClaim("u", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.HeldByOther);
        store.Commit(new FinishedUnit("u", "{}", 1, "p", 0.1, Worker));
        store.TryClaim("u", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Stored);
        store.TryClaim("u", OtherWorker, evenIfStored: true).ShouldBe(ClaimOutcome.Claimed, "--fresh claims stored units too");
    }

    [Fact]
    public void Renewal_keeps_a_claim_past_its_first_lease()
    {
        using var store = server.Open(server.NewDatabase(), lease: TimeSpan.FromMilliseconds(800));
        store.TryClaim("u", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
        for (var i = 0; i < 5; i++)
        {
            Thread.Sleep(250);
            store.Renew(OtherWorker);
        }

        store.TryClaim("u", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.HeldByOther, "1.25 s after a 0.8 s lease, renewed every 0.25 s");
        store.Release("u", OtherWorker);
        store.TryClaim("u", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
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
        var workers = Enumerable.Range(0, 6).Select(w => Task.Run(() =>
        {
            var worker = $"machine-{w}:{w}:{w}";
            using var store = server.Open(url);
            foreach (var identity in identities.Skip(w * 37).Concat(identities.Take(w * 37)))
            {
                if (store.TryClaim(identity, worker, evenIfStored: false) == ClaimOutcome.Claimed)
                {
                    claimed.Add((worker, identity));
                    store.Commit(new FinishedUnit(identity, "{}", 1, worker, 0.01, worker));
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        claimed.Select(c => c.Identity).Order(StringComparer.Ordinal).ShouldBe(identities.Order(StringComparer.Ordinal), "each unit claimed once, by one worker");
        using var connection = new NpgsqlConnection(server.Connection(url[(url.LastIndexOf('/') + 1)..]));
        connection.Open();
        Count(connection, "SELECT count(*) FROM fairmtl.units").ShouldBe(300L);
        Count(connection, "SELECT count(*) FROM fairmtl.claims").ShouldBe(0L);
        Count(connection, "SELECT count(DISTINCT worker) FROM fairmtl.units").ShouldBeGreaterThan(1L, "the work was shared");
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

    private static ResultStart Start(string identity, string[] units) =>
        new("experiment", "sweep", identity, "numerics", "code", "{}", units, units.Length);

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
