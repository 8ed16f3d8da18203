using FairMtl.Numerics;

namespace FairMtl.Tests.Numerics;

public class DeterministicRandomTests
{
    [Fact]
    public void Same_seed_and_purpose_give_the_same_stream_and_other_purposes_differ()
    {
        var a = DeterministicRandom.ForStream(42, "init");
        var b = DeterministicRandom.ForStream(42, "init");
        var c = DeterministicRandom.ForStream(42, "shuffle");
        var d = DeterministicRandom.ForStream(43, "init");
        var first = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToArray();
        Enumerable.Range(0, 5).Select(_ => b.NextUInt64()).ShouldBe(first);
        Enumerable.Range(0, 5).Select(_ => c.NextUInt64()).ShouldNotBe(first);
        Enumerable.Range(0, 5).Select(_ => d.NextUInt64()).ShouldNotBe(first);
    }

    [Fact]
    public void Xoshiro_matches_its_published_algorithm_for_a_known_state()
    {
        // SplitMix64 from 0 gives the published outputs 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, ...; the first
        // xoshiro256** output is rotl(s1 * 5, 7) * 9.
        var random = new DeterministicRandom(0);
        var s1 = 0x6E789E6AA1B965F4UL;
        var expected = RotateLeft(s1 * 5, 7) * 9;
        random.NextUInt64().ShouldBe(expected);
    }

    [Fact]
    public void Bounded_integers_stay_in_range_and_cover_it()
    {
        var random = new DeterministicRandom(5);
        var counts = new int[7];
        for (var i = 0; i < 7000; i++)
        {
            counts[random.NextInt(7)]++;
        }

        counts.ShouldAllBe(count => count > 850 && count < 1150);
    }

    [Fact]
    public void Shuffle_is_a_permutation()
    {
        var items = Enumerable.Range(0, 100).ToArray();
        new DeterministicRandom(3).Shuffle(items);
        items.ShouldNotBe(Enumerable.Range(0, 100).ToArray());
        items.Order().ShouldBe(Enumerable.Range(0, 100));
    }

    [Fact]
    public void Uniform_doubles_are_in_the_unit_interval()
    {
        var random = new DeterministicRandom(8);
        var values = Enumerable.Range(0, 10000).Select(_ => random.NextDouble()).ToArray();
        values.ShouldAllBe(v => v >= 0 && v < 1);
        values.Average().ShouldBe(0.5, 0.02);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    [Fact]
    public void Dropout_masks_keep_the_declared_share_with_the_inverted_scale_and_repeat_per_seed()
    {
        var mask = new float[10001];
        new DeterministicRandom(5).FillDropoutMask(mask, 0.8f, 1.25f);
        mask.ShouldAllBe(v => v == 0f || v == 1.25f);
        var kept = mask.Count(v => v != 0f) / (double)mask.Length;
        kept.ShouldBe(0.8, 0.012); // 3 binomial sd of 10001 draws
        var again = new float[10001];
        new DeterministicRandom(5).FillDropoutMask(again, 0.8f, 1.25f);
        again.ShouldBe(mask);

        // Two elements per 64-bit draw, low half first: element 2k uses draw k.
        var random = new DeterministicRandom(9);
        var first = random.NextUInt64();
        var pair = new float[2];
        new DeterministicRandom(9).FillDropoutMask(pair, 0.5f, 2f);
        pair[0].ShouldBe((first & 0xFFFFFFFFUL) < 2147483648UL ? 2f : 0f);
        pair[1].ShouldBe((first >> 32) < 2147483648UL ? 2f : 0f);
    }
}
