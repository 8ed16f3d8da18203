using FairMtl.Data;

namespace FairMtl.Tests.Data;

public class Mt19937Tests
{
    [Fact]
    public void Reference_seed_5489_gives_the_published_first_outputs()
    {
        var random = new Mt19937(5489);

        new[] { random.NextUInt32(), random.NextUInt32(), random.NextUInt32() }
            .ShouldBe([3499211612u, 581869302u, 3890346734u]);
    }

    [Fact]
    public void Seed_0_matches_numpy_random_state()
    {
        // np.random.RandomState(0)._bit_generator.random_raw(3)
        var random = new Mt19937(0);

        new[] { random.NextUInt32(), random.NextUInt32(), random.NextUInt32() }
            .ShouldBe([2357136044u, 2546248239u, 3071714933u]);
    }

    [Fact]
    public void Outputs_after_the_first_state_block_match_numpy()
    {
        // np.random.RandomState(42)._bit_generator.random_raw(1000)[[623, 624, 999]]
        var random = new Mt19937(42);
        var outputs = Enumerable.Range(0, 1000).Select(_ => random.NextUInt32()).ToArray();

        outputs[623].ShouldBe(1077437785u);
        outputs[624].ShouldBe(108880612u);
        outputs[999].ShouldBe(1946654618u);
    }

    [Fact]
    public void Interval_stays_within_bounds_and_zero_draws_nothing()
    {
        var random = new Mt19937(1);
        var reference = new Mt19937(1);

        random.NextInterval(0).ShouldBe(0u);
        random.NextUInt32().ShouldBe(reference.NextUInt32());
        Enumerable.Range(0, 1000).Select(_ => random.NextInterval(5)).ShouldAllBe(v => v <= 5);
    }
}
