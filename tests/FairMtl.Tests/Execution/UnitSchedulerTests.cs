using FairMtl.Execution;

namespace FairMtl.Tests.Execution;

public class UnitSchedulerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Results_come_back_in_unit_order_and_every_model_is_counted_once(int threads)
    {
        var units = Enumerable.Range(0, 40).ToArray();
        var reported = new System.Collections.Concurrent.ConcurrentBag<int>();

        var run = UnitScheduler.Run(units, threads, (unit, counter) =>
        {
            Thread.SpinWait((40 - unit) * 1000); // later units finish first when run side by side
            GC.KeepAlive(new byte[100_000]); // counted in the batch's allocated bytes, whichever thread trains the unit
            for (var model = 0; model < (unit % 3) + 1; model++)
            {
                reported.Add(counter.Finished());
            }

            return unit * 10;
        }, CancellationToken.None);

        run.Results.ShouldBe(units.Select(unit => unit * 10).ToArray());
        run.Threads.ShouldBe(threads);
        reported.Order().ShouldBe(Enumerable.Range(1, units.Sum(unit => (unit % 3) + 1)));
        run.AllocatedBytes.ShouldBeGreaterThanOrEqualTo(100_000L * units.Length);
        run.Timings(1.5, 99).ShouldBe(new RunTimings(1.5, run.TrainSeconds, threads, 99, run.GarbageCollections, 0, run.AllocatedBytes));
    }

    [Fact]
    public void A_cancelled_batch_hands_out_no_more_units()
    {
        using var cancel = new CancellationTokenSource();
        var started = 0;

        Should.Throw<OperationCanceledException>(() => UnitScheduler.Run(Enumerable.Range(0, 1000).ToArray(), 1, (unit, _) =>
        {
            Interlocked.Increment(ref started);
            if (unit == 3)
            {
                cancel.Cancel();
            }

            return unit;
        }, cancel.Token));

        started.ShouldBe(4);
    }
}
