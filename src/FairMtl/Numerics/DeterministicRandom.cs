using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FairMtl.Numerics;

/// <summary>
/// xoshiro256** seeded through SplitMix64: fast, small state, and the same sequence on every machine and runtime.
/// Streams for different purposes (initial weights, batch order, dropout) are derived from one seed by name, so
/// adding a new consumer of randomness never shifts the numbers another consumer sees.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DeterministicRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>The stream named <paramref name="purpose"/> of experiment seed <paramref name="seed"/>.</summary>
    public static DeterministicRandom ForStream(long seed, string purpose)
    {
        // FNV-1a over the purpose: string.GetHashCode is randomised per process.
        var hash = 14695981039346656037UL;
        foreach (var ch in purpose)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        var mixed = unchecked((ulong)seed) * 0x9E3779B97F4A7C15UL ^ hash;
        return new DeterministicRandom(mixed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Next(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>
    /// Inverted-dropout factors: each element is <paramref name="scale"/> with probability <paramref name="keep"/>, else
    /// 0. Each 64-bit draw decides two elements (low 32 bits first) against a 32-bit threshold, with the generator state
    /// held in locals and no branch on the draw: a compare-and-branch per element mispredicts on a fifth of the elements
    /// (at keep 0.8) and cost more than the draws themselves. The sign of <c>draw - threshold</c> (both below 2^32) selects
    /// the factor's bits.
    /// </summary>
    public void FillDropoutMask(Span<float> mask, float keep, float scale)
    {
        var threshold = (long)Math.Round(keep * 4294967296.0);
        var scaleBits = BitConverter.SingleToUInt32Bits(scale);
        var (s0, s1, s2, s3) = (_s0, _s1, _s2, _s3);
        ref var first = ref Unsafe.As<float, uint>(ref MemoryMarshal.GetReference(mask));
        var pairs = mask.Length / 2;
        for (var pair = 0; pair < pairs; pair++)
        {
            // Two elements per draw, written through a reference (no bounds checks, no per-element branch on the length).
            var result = Next(ref s0, ref s1, ref s2, ref s3);
            ref var slot = ref Unsafe.Add(ref first, 2 * pair);
            slot = scaleBits & Kept(result & 0xFFFFFFFFUL, threshold);
            Unsafe.Add(ref slot, 1) = scaleBits & Kept(result >> 32, threshold);
        }

        if ((mask.Length & 1) != 0)
        {
            var result = Next(ref s0, ref s1, ref s2, ref s3);
            mask[^1] = BitConverter.UInt32BitsToSingle(scaleBits & Kept(result & 0xFFFFFFFFUL, threshold));
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>All ones when <paramref name="draw"/> &lt; <paramref name="threshold"/> (both in [0, 2^32]), else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Kept(ulong draw, long threshold) => (uint)(((long)draw - threshold) >> 63);

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        }

        var range = (ulong)maxExclusive;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), range, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>Standard normal deviate (Box-Muller; the second value of each pair is discarded).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher-Yates shuffle, from the last item down.</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>One xoshiro256** step on the given state.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong Next(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
