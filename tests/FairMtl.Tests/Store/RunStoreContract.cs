using FairMtl.Store;

namespace FairMtl.Tests.Store;

/// <summary>
/// What every run store must do, run against each implementation (SQLite, PostgreSQL): commits read back and counted,
/// results completed, claims refused while their lease is live and taken over when it lapses, renewals, claims of
/// several units at once, unit states.
/// </summary>
public abstract class RunStoreContract
{
    protected const string Worker = "test-machine:1:1";
    protected const string OtherWorker = "other-machine:2:2";

    /// <summary>A new empty store; the function opens it (again) with a lease (default 60 s).</summary>
    protected abstract Func<TimeSpan?, IRunStore> NewStore();

    [Fact]
    public void A_committed_unit_is_read_back_and_counted_and_its_result_completed()
    {
        var open = NewStore();
        long id;
        using (var store = open(null))
        {
            id = store.BeginResult(Start("r1", ["u1", "u2"]));
            store.TryClaim("u1", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
            store.Commit(new FinishedUnit("u1", "{\"k\":1}", 1, "payload-1", 0.5, Worker));
        }

        using var reopened = open(null);
        reopened.Payloads(["u1", "u2"]).ShouldBe(new Dictionary<string, string> { ["u1"] = "payload-1" });
        reopened.TryClaim("u1", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Stored);
        reopened.BeginResult(Start("r1", ["u1", "u2"])).ShouldBe(id, "the same result identity keeps its id");
        var listed = reopened.Results().ShouldHaveSingleItem();
        (listed.Units, listed.StoredUnits, listed.Complete).ShouldBe((2, 1, false));

        reopened.CompleteResult(id, "## table\na\n1\n");
        reopened.Result(id)!.Snapshot.ShouldBe("## table\na\n1\n");
        reopened.Results().ShouldHaveSingleItem().Complete.ShouldBeTrue();
        reopened.States(["u2", "u1"]).Select(state => (state.Identity, state.Status)).ShouldBe([("u2", UnitStatus.Pending), ("u1", UnitStatus.Stored)]);
    }

    [Fact]
    public void A_claim_is_refused_to_others_while_its_lease_is_live_and_taken_over_when_it_lapses()
    {
        using var store = NewStore()(TimeSpan.FromSeconds(2));

        store.TryClaim("u", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
        store.TryClaim("u", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.HeldByOther);
        var running = store.States(["u"]).ShouldHaveSingleItem();
        (running.Status, running.Worker).ShouldBe((UnitStatus.Running, OtherWorker));
        running.Seconds.ShouldBeLessThan(2);
        store.TryClaim("u", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed, "a worker may claim again what it holds");
        Thread.Sleep(2500);
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
        using var store = NewStore()(TimeSpan.FromSeconds(2));
        store.TryClaim("u", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
        for (var i = 0; i < 6; i++)
        {
            Thread.Sleep(500);
            store.Renew(OtherWorker);
        }

        store.TryClaim("u", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.HeldByOther, "3 s after a 2 s lease, renewed every 0.5 s");
        store.Release("u", OtherWorker);
        store.TryClaim("u", Worker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
    }

    [Fact]
    public void Claiming_several_units_at_once_gives_each_its_own_outcome_in_order()
    {
        using var store = NewStore()(null);
        store.TryClaim("held", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
        store.TryClaim("done", OtherWorker, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
        store.Commit(new FinishedUnit("done", "{}", 1, "p", 0.1, OtherWorker));

        store.TryClaimMany(["a", "held", "done", "b"], Worker, evenIfStored: false)
            .ShouldBe([ClaimOutcome.Claimed, ClaimOutcome.HeldByOther, ClaimOutcome.Stored, ClaimOutcome.Claimed]);
        store.States(["a", "b"]).Select(state => (state.Status, state.Worker)).ShouldBe([(UnitStatus.Running, Worker), (UnitStatus.Running, Worker)]);
    }

    protected static ResultStart Start(string identity, string[] units) =>
        new("experiment", "sweep", identity, "numerics", "code", "{}", units, units.Length);
}
