using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Lanes256 = FairMtl.Numerics.Lanes<System.Runtime.Intrinsics.Vector256<double>>;
using Lanes512 = FairMtl.Numerics.Lanes<System.Runtime.Intrinsics.Vector512<double>>;

namespace FairMtl.Numerics;

/// <summary>
/// e^x in double precision, four or eight lanes at a time, from IEEE operations only: the same bits with AVX-512, AVX2 or no
/// SIMD at all, and on every runtime (the C library's <c>exp</c> behind <see cref="Math.Exp"/> is neither vectorised
/// nor guaranteed to round alike everywhere). Used where a loss evaluates the exponential per pair of rows.
/// </summary>
/// <remarks>
/// x = k ln 2 + r with k = round(x / ln 2) (the 1.5 x 2^52 trick: an addition, exact to the integer), r = x - k ln 2 in
/// two fused steps with ln 2 split into a high part exact in 32 bits and a low part (Cody and Waite), |r| &lt;= ln 2 / 2;
/// e^r by its Taylor series to r^13 in Horner form with fused multiply-adds (truncation below 5e-18 relative); then
/// e^x = e^r 2^(k/2) 2^(k - k/2), two exact scalings that also reach the subnormal range. Relative error within about
/// one unit in the last place of <see cref="Math.Exp"/> over the whole range (tested); 0 below -745.2, infinity above
/// 709.8, NaN for NaN. Vector256's fused multiply-add rounds once and is emulated exactly without FMA hardware.
/// </remarks>
public static class PortableExp
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2High = 0.693147180369123816490; // 0x3FE62E42FEE00000: ln 2 in its first 32 bits
    private const double Ln2Low = 1.90821492927058770002e-10; // ln 2 - Ln2High
    private const double RoundingShift = 6755399441055744.0; // 1.5 x 2^52
    private const double Underflow = -745.2;
    private const double Overflow = 709.8;

    /// <summary>e^x for each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x) => Exp(Lanes256.Of(x)).Value;

    /// <summary>e^x for each of eight lanes: the same bits as <see cref="Exp(Vector256{double})"/> lane for lane, faster
    /// where 512-bit vectors are accelerated (<see cref="DoubleLanes.Wide"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x) => Exp(Lanes512.Of(x)).Value;

    /// <summary>e^x for each lane, at any width (<see cref="IDoubleLanes{TSelf}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TLanes Exp<TLanes>(TLanes x)
        where TLanes : struct, IDoubleLanes<TLanes>
    {
        var low = TLanes.LessThan(x, TLanes.Create(Underflow));
        var high = TLanes.GreaterThan(x, TLanes.Create(Overflow));

        // Out-of-range lanes are computed on a harmless argument and replaced at the end; NaN lanes stay NaN throughout.
        var clamped = TLanes.Select(low | high, TLanes.Create(0.0), x);
        var shifted = (clamped * TLanes.Create(Log2E)) + TLanes.Create(RoundingShift);
        var k = shifted - TLanes.Create(RoundingShift);
        var r = TLanes.FusedMultiplyAdd(-k, TLanes.Create(Ln2High), clamped);
        r = TLanes.FusedMultiplyAdd(-k, TLanes.Create(Ln2Low), r);

        // Taylor series of e^r, highest term first: 1/13!, ..., 1/2!, 1, 1.
        var p = TLanes.Create(1.0 / 6227020800.0);
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 479001600.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 39916800.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 3628800.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 362880.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 40320.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 5040.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 720.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 120.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 24.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 6.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(0.5));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0));

        // k as an integer: the low bits of the shifted value (its unit in the last place is 1).
        var (first, second) = TLanes.PowersOfTwo(shifted, RoundingShift);
        var scaled = p * first * second;
        scaled = TLanes.Select(low, TLanes.Create(0.0), scaled);
        return TLanes.Select(high, TLanes.Create(double.PositiveInfinity), scaled);
    }

    /// <summary>e^x, the same bits as a lane of <see cref="Exp(Vector256{double})"/>.</summary>
    public static double Exp(double x) => Exp(Vector256.Create(x)).GetElement(0);

    /// <summary>target[i] = e^(source[i]) for every element (the vector form for whole blocks, the same for the tail).</summary>
    public static void Exp(ReadOnlySpan<double> source, Span<double> target)
    {
        if (target.Length < source.Length)
        {
            throw new ArgumentException("The target is shorter than the source.", nameof(target));
        }

        ref var x = ref MemoryMarshal.GetReference(source);
        ref var y = ref MemoryMarshal.GetReference(target);
        var i = DoubleLanes.Wide ? ExpBlocks<Lanes512>(ref x, ref y, source.Length) : ExpBlocks<Lanes256>(ref x, ref y, source.Length);
        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref y, i) = Exp(Unsafe.Add(ref x, i));
        }
    }

    /// <summary>The whole blocks of <typeparamref name="TLanes"/> of <paramref name="length"/> elements; returns where the
    /// tail begins.</summary>
    private static int ExpBlocks<TLanes>(ref double x, ref double y, int length)
        where TLanes : struct, IDoubleLanes<TLanes>
    {
        var i = 0;
        for (; i + TLanes.Count <= length; i += TLanes.Count)
        {
            Exp(TLanes.Load(ref x, (nuint)i)).Store(ref y, (nuint)i);
        }

        return i;
    }
}
