using FairMtl.Numerics;

namespace FairMtl.Tests.Numerics;

public class UnitBuffersTests
{
    [Fact]
    public void Outside_a_unit_scope_every_rent_is_a_new_zeroed_array()
    {
        var first = UnitBuffers.Rent<float>(7);
        first[3] = 5f;
        var second = UnitBuffers.Rent<float>(7);

        second.ShouldNotBeSameAs(first);
        second.ShouldAllBe(v => v == 0f);
        UnitBuffers.Rent<int>(0).Length.ShouldBe(0);
    }

    [Fact]
    public void The_next_unit_on_a_thread_gets_the_previous_units_arrays_back_zeroed_and_of_exactly_the_length_asked() => OnNewThread(() =>
    {
        float[] first;
        double[] other;
        using (UnitBuffers.Begin())
        {
            first = UnitBuffers.Rent<float>(1_001);
            other = UnitBuffers.Rent<double>(1_001);
            first.AsSpan().Fill(float.NaN);
            other.AsSpan().Fill(3.0);
            UnitBuffers.Counts().Lent.ShouldBeGreaterThanOrEqualTo(2);
        }

        UnitBuffers.Counts().Lent.ShouldBe(0);
        using (UnitBuffers.Begin())
        {
            var again = UnitBuffers.Rent<float>(1_001);
            again.ShouldBeSameAs(first);
            again.ShouldAllBe(v => v == 0f);
            UnitBuffers.Rent<double>(1_001).ShouldBeSameAs(other);
            UnitBuffers.Rent<float>(1_001).ShouldNotBeSameAs(first); // lent once per unit, never twice
            UnitBuffers.Rent<float>(1_000).Length.ShouldBe(1_000);
        }
    });

    [Fact]
    public void A_nested_scope_returns_its_arrays_with_the_outermost_one() => OnNewThread(() =>
    {
        float[] inner;
        using (UnitBuffers.Begin())
        {
            using (UnitBuffers.Begin())
            {
                inner = UnitBuffers.Rent<float>(2_003);
            }

            // Still the outer unit's: renting the same length must not hand it out again.
            UnitBuffers.Rent<float>(2_003).ShouldNotBeSameAs(inner);
        }

        using (UnitBuffers.Begin())
        {
            new[] { UnitBuffers.Rent<float>(2_003), UnitBuffers.Rent<float>(2_003) }.ShouldContain(inner);
        }
    });

    [Fact]
    public async Task Each_thread_keeps_its_own_pool()
    {
        float[] mine;
        using (UnitBuffers.Begin())
        {
            mine = UnitBuffers.Rent<float>(3_001);
        }

        var theirs = await Task.Factory.StartNew(
            () =>
            {
                using (UnitBuffers.Begin())
                {
                    return UnitBuffers.Rent<float>(3_001);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        theirs.ShouldNotBeSameAs(mine);
    }

    [Fact]
    public void A_thread_keeps_at_most_the_retention_limit_for_later_units()
    {
        const int Length = 1 << 20; // 4 MB of floats
        var count = (int)(UnitBuffers.MaxRetainedBytes / (4L * Length)) + 1;
        float[][] first;
        using (UnitBuffers.Begin())
        {
            first = Enumerable.Range(0, count).Select(_ => UnitBuffers.Rent<float>(Length)).ToArray();
        }

        using (UnitBuffers.Begin())
        {
            var second = Enumerable.Range(0, count).Select(_ => UnitBuffers.Rent<float>(Length)).ToArray();
            second.Count(array => first.Contains(array)).ShouldBeLessThan(count, "one more than the limit allows was lent: it cannot all have been kept");
        }
    }

    /// <summary>Runs <paramref name="body"/> on a thread of its own, whose pool is empty: the test thread's pool may
    /// already hold up to the retention limit from other tests' units, and then keeps nothing more.</summary>
    private static void OnNewThread(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }
}
