namespace FairMtl.Data;

/// <summary>
/// The Mersenne Twister MT19937, seeded like NumPy's legacy <c>numpy.random.RandomState(seed)</c> (Matsumoto and
/// Nishimura's <c>init_genrand</c>), so that draws match NumPy bit for bit.
/// </summary>
public sealed class Mt19937
{
    private const int StateLength = 624;
    private const int Shift = 397;
    private const uint MatrixA = 0x9908b0dfu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;

    private readonly uint[] _state = new uint[StateLength];
    private int _position;

    /// <summary>A generator seeded with <c>init_genrand(seed)</c>.</summary>
    public Mt19937(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < StateLength; i++)
        {
            var previous = _state[i - 1];
            _state[i] = unchecked((1812433253u * (previous ^ (previous >> 30))) + (uint)i);
        }

        _position = StateLength;
    }

    /// <summary>The next 32-bit output (<c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_position >= StateLength)
        {
            Regenerate();
        }

        var y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// A uniform integer in <c>[0, max]</c> by NumPy's <c>random_interval</c>: outputs masked with the smallest
    /// all-ones mask covering <paramref name="max"/>, rejecting values above it.
    /// </summary>
    public uint NextInterval(uint max)
    {
        if (max == 0)
        {
            return 0;
        }

        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;

        uint value;
        do
        {
            value = NextUInt32() & mask;
        }
        while (value > max);

        return value;
    }

    private void Regenerate()
    {
        for (var i = 0; i < StateLength; i++)
        {
            var y = (_state[i] & UpperMask) | (_state[(i + 1) % StateLength] & LowerMask);
            var next = _state[(i + Shift) % StateLength] ^ (y >> 1);
            _state[i] = (y & 1) != 0 ? next ^ MatrixA : next;
        }

        _position = 0;
    }
}
