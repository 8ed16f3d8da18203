using FairMtl.Host.Store;
using FairMtl.Store;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Store;

/// <summary>The embedded store: the store contract, a claim of an ended process, and every way a store file can be unusable.</summary>
public sealed class SqliteRunStoreTests : RunStoreContract, IDisposable
{
    private readonly TempDataFolder _stores = new();
    private int _count;

    public void Dispose() => _stores.Dispose();

    /// <inheritdoc/>
    protected override Func<TimeSpan?, IRunStore> NewStore()
    {
        var path = Path.Combine(_stores.Path, $"runs-{Interlocked.Increment(ref _count)}.db");
        return lease => SqliteRunStore.Open(path, lease);
    }

    [Fact]
    public void A_claim_of_a_process_of_this_machine_that_has_ended_is_free_at_once_whatever_its_lease()
    {
        using var folder = new TempDataFolder();
        using var longLease = SqliteRunStore.Open(Path.Combine(folder.Path, "other.db"), lease: TimeSpan.FromHours(1));
        var ended = WorkerId.Of(Environment.MachineName, EndedProcessId(), 1);
        longLease.TryClaim("v", ended, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
        longLease.TryClaim("v", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
        longLease.TryClaim("v", WorkerId.Current, evenIfStored: false).ShouldBe(ClaimOutcome.HeldByOther, "Worker's claim has an hour left");
    }

    [Fact]
    public void A_file_that_is_not_an_sqlite_database_is_refused_and_left_as_it_was()
    {
        using var folder = new TempDataFolder();
        var path = folder.Write("runs.db", "these are someone's notes, not a database\n" + new string('x', 5000));
        var before = File.ReadAllBytes(path);

        var error = Should.Throw<RunStoreException>(() => SqliteRunStore.Open(path));

        error.Message.ShouldStartWith($"run store {path.Replace('\\', '/')}: cannot be opened: it is not an SQLite database (a damaged store, or another kind of file)");
        File.ReadAllBytes(path).ShouldBe(before);
    }

    [Fact]
    public void An_sqlite_database_of_another_application_is_refused()
    {
        using var folder = new TempDataFolder();
        var path = Path.Combine(folder.Path, "app.db");
        StoreFile.Execute(path, "CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('Ada')");

        var error = Should.Throw<RunStoreException>(() => SqliteRunStore.Open(path));

        error.Message.ShouldBe(
            $"run store {path.Replace('\\', '/')}: is an SQLite database of another application (application_id 0, expected {SqliteRunStore.ApplicationId} for FairMtl); " +
            "choose another file with --store");
        StoreFile.Scalar(path, "SELECT count(*) FROM contacts").ShouldBe(1L, "the foreign database is not touched");
    }

    [Fact]
    public void A_store_of_a_newer_schema_is_refused()
    {
        using var folder = new TempDataFolder();
        var path = Path.Combine(folder.Path, "runs.db");
        SqliteRunStore.Open(path).Dispose();
        StoreFile.Execute(path, $"PRAGMA user_version = {SqliteRunStore.Migrations.Length + 1}");

        var error = Should.Throw<RunStoreException>(() => SqliteRunStore.Open(path));

        error.Message.ShouldBe(
            $"run store {path.Replace('\\', '/')}: was written by a newer FairMtl (schema version {SqliteRunStore.Migrations.Length + 1}; " +
            $"this build reads versions up to {SqliteRunStore.Migrations.Length}); update FairMtl, or choose another file with --store");
    }

    [Fact]
    public void A_store_of_the_first_schema_is_migrated_and_keeps_its_units()
    {
        using var folder = new TempDataFolder();
        var path = Path.Combine(folder.Path, "runs.db");
        StoreFile.Execute(path, [.. SqliteRunStore.Migrations[0], "PRAGMA user_version = 1", $"PRAGMA application_id = {SqliteRunStore.ApplicationId}",
            "INSERT INTO units VALUES ('u1', 'k', 1, 'kept', 0.1, 'w', '2026-01-01T00:00:00Z')"]);

        using var store = SqliteRunStore.Open(path);

        store.Payloads(["u1"])["u1"].ShouldBe("kept");
        store.TryClaim("u2", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed, "the claims table of version 2 exists");
        StoreFile.Scalar(path, "PRAGMA user_version").ShouldBe((long)SqliteRunStore.Migrations.Length);
    }

    [Fact]
    public void A_full_disk_while_committing_is_a_clear_error_and_loses_no_earlier_unit()
    {
        using var folder = new TempDataFolder();
        var path = Path.Combine(folder.Path, "runs.db");
        SqliteRunStore.Open(path).Dispose();
        var pages = StoreFile.Scalar(path, "PRAGMA page_count");
        using (var store = SqliteRunStore.Open(path, maxPages: pages + 3))
        {
            store.Commit(new FinishedUnit("small", "k", 1, "fits", 0.1, Worker));

            var error = Should.Throw<RunStoreException>(() => store.Commit(new FinishedUnit("large", "k", 1, new string('x', 100_000), 0.1, Worker)));

            error.Message.ShouldStartWith($"run store {path.Replace('\\', '/')}: cannot commit a finished unit: the disk is full (the units committed before are kept: free space and rerun the same command to resume)");
        }

        using var reopened = SqliteRunStore.Open(path);
        reopened.Payloads(["small", "large"]).Keys.ShouldBe(["small"]);
    }

    [Fact]
    public void A_folder_in_place_of_the_store_file_says_what_is_expected()
    {
        using var folder = new TempDataFolder();

        var error = Should.Throw<RunStoreException>(() => SqliteRunStore.Open(folder.Path));

        error.Message.ShouldContain("is a folder (expected a store file, e.g. ");
    }

    private static int EndedProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
