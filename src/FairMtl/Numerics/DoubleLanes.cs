using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FairMtl.Numerics;

/// <summary>
/// Double-precision lanes of one vector width, so that a kernel is written once for every width
/// (<see cref="PortableExp"/>, the score MMD's pair loop): <see cref="Lanes{TVector}"/> of 256 bits everywhere, of 512
/// bits where the processor has AVX-512 (<see cref="DoubleLanes.Wide"/>). Every operation is the same IEEE operation on each lane at both
/// widths, so a kernel gives the same bits at either; only how many lanes one instruction holds differs.
/// </summary>
/// <typeparam name="TSelf">The lanes type itself.</typeparam>
internal interface IDoubleLanes<TSelf>
    where TSelf : struct, IDoubleLanes<TSelf>
{
    /// <summary>Lanes per value.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    /// <summary><see cref="Count"/> values from <paramref name="source"/> at <paramref name="index"/>.</summary>
    static abstract TSelf Load(ref double source, nuint index);

    /// <summary>All-ones lanes where the 64-bit integer at <paramref name="source"/> + <paramref name="index"/> equals
    /// <paramref name="value"/>, zero lanes elsewhere.</summary>
    static abstract TSelf EqualsAt(ref long source, nuint index, long value);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf value);

    static abstract TSelf operator &(TSelf left, TSelf right);

    static abstract TSelf operator |(TSelf left, TSelf right);

    /// <summary><paramref name="left"/> and not <paramref name="right"/>, bit by bit.</summary>
    static abstract TSelf AndNot(TSelf left, TSelf right);

    /// <summary>a * b + c rounded once.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>All-ones lanes where <paramref name="left"/> &lt; <paramref name="right"/>.</summary>
    static abstract TSelf LessThan(TSelf left, TSelf right);

    /// <summary>All-ones lanes where <paramref name="left"/> &gt; <paramref name="right"/>.</summary>
    static abstract TSelf GreaterThan(TSelf left, TSelf right);

    /// <summary>Each lane from <paramref name="ifTrue"/> where <paramref name="mask"/> is all ones, else from
    /// <paramref name="ifFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);

    /// <summary>2^(k/2) and 2^(k - k/2) (k/2 rounded down) for the integer k each lane of <paramref name="shifted"/> holds
    /// in its low bits over <paramref name="shift"/> (k = shifted - shift exactly, shift = 1.5 x 2^52): two exact
    /// factors whose product is 2^k, each a normal number for every k the exponential reaches.</summary>
    static abstract (TSelf First, TSelf Second) PowersOfTwo(TSelf shifted, double shift);

    /// <summary>Writes the lanes to <paramref name="target"/> at <paramref name="index"/>.</summary>
    void Store(ref double target, nuint index);
}

/// <summary>Which width the double-precision kernels use on this processor.</summary>
internal static class DoubleLanes
{
    /// <summary>True where 512-bit vectors are accelerated: the kernels then use eight lanes (measured on an AMD Zen 4:
    /// the portable exponential 1.15 against 1.77 ns a lane); without AVX-512 the runtime's software
    /// <see cref="Vector512{T}"/> is slower than four lanes (BENCHMARKS.md).</summary>
    public static bool Wide => Vector512.IsHardwareAccelerated;
}

/// <summary>
/// The double lanes of one vector type, <typeparamref name="TVector"/>: <see cref="Vector256{T}"/> or
/// <see cref="Vector512{T}"/> of <see cref="double"/>. Each operation
/// names both widths' operation in one place; the JIT compiles each instantiation with only its own.
/// </summary>
/// <typeparam name="TVector">Vector256&lt;double&gt; or Vector512&lt;double&gt;.</typeparam>
internal readonly struct Lanes<TVector> : IDoubleLanes<Lanes<TVector>>
    where TVector : struct
{
    // Each operation tests the type parameter against Vector512<double> and converts through object: the pattern the
    // JIT folds to the one width's instructions with the lanes in registers (measured: a form with a width property and
    // Unsafe.BitCast ran the exponential at 5 ns a lane instead of 1.05).
    private readonly TVector _value;

    private Lanes(TVector value) => _value = value;

    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => typeof(TVector) == typeof(Vector512<double>) ? Vector512<double>.Count : Vector256<double>.Count;
    }

    private Vector256<double> Narrow => (Vector256<double>)(object)_value;

    private Vector512<double> Wide => (Vector512<double>)(object)_value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> Create(double value) => typeof(TVector) == typeof(Vector512<double>) ? Of(Vector512.Create(value)) : Of(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> Load(ref double source, nuint index) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(Vector512.LoadUnsafe(ref source, index)) : Of(Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> EqualsAt(ref long source, nuint index, long value) =>
        typeof(TVector) == typeof(Vector512<double>)
            ? Of(Vector512.Equals(Vector512.LoadUnsafe(ref source, index), Vector512.Create(value)).AsDouble())
            : Of(Vector256.Equals(Vector256.LoadUnsafe(ref source, index), Vector256.Create(value)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> operator +(Lanes<TVector> left, Lanes<TVector> right) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(left.Wide + right.Wide) : Of(left.Narrow + right.Narrow);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> operator -(Lanes<TVector> left, Lanes<TVector> right) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(left.Wide - right.Wide) : Of(left.Narrow - right.Narrow);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> operator *(Lanes<TVector> left, Lanes<TVector> right) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(left.Wide * right.Wide) : Of(left.Narrow * right.Narrow);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> operator -(Lanes<TVector> value) => typeof(TVector) == typeof(Vector512<double>) ? Of(-value.Wide) : Of(-value.Narrow);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> operator &(Lanes<TVector> left, Lanes<TVector> right) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(left.Wide & right.Wide) : Of(left.Narrow & right.Narrow);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> operator |(Lanes<TVector> left, Lanes<TVector> right) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(left.Wide | right.Wide) : Of(left.Narrow | right.Narrow);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> AndNot(Lanes<TVector> left, Lanes<TVector> right) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(Vector512.AndNot(left.Wide, right.Wide)) : Of(Vector256.AndNot(left.Narrow, right.Narrow));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> FusedMultiplyAdd(Lanes<TVector> a, Lanes<TVector> b, Lanes<TVector> c) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(Vector512.FusedMultiplyAdd(a.Wide, b.Wide, c.Wide)) : Of(Vector256.FusedMultiplyAdd(a.Narrow, b.Narrow, c.Narrow));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> LessThan(Lanes<TVector> left, Lanes<TVector> right) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(Vector512.LessThan(left.Wide, right.Wide)) : Of(Vector256.LessThan(left.Narrow, right.Narrow));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> GreaterThan(Lanes<TVector> left, Lanes<TVector> right) =>
        typeof(TVector) == typeof(Vector512<double>) ? Of(Vector512.GreaterThan(left.Wide, right.Wide)) : Of(Vector256.GreaterThan(left.Narrow, right.Narrow));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> Select(Lanes<TVector> mask, Lanes<TVector> ifTrue, Lanes<TVector> ifFalse) =>
        typeof(TVector) == typeof(Vector512<double>)
            ? Of(Vector512.ConditionalSelect(mask.Wide, ifTrue.Wide, ifFalse.Wide))
            : Of(Vector256.ConditionalSelect(mask.Narrow, ifTrue.Narrow, ifFalse.Narrow));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lanes<TVector> First, Lanes<TVector> Second) PowersOfTwo(Lanes<TVector> shifted, double shift)
    {
        if (typeof(TVector) == typeof(Vector512<double>))
        {
            var integer = shifted.Wide.AsInt64() - Vector512.Create(shift).AsInt64();
            var half = Vector512.ShiftRightArithmetic(integer, 1);
            return (Of(Vector512.ShiftLeft(half + Vector512.Create(1023L), 52).AsDouble()), Of(Vector512.ShiftLeft(integer - half + Vector512.Create(1023L), 52).AsDouble()));
        }

        var narrowInteger = shifted.Narrow.AsInt64() - Vector256.Create(shift).AsInt64();
        var narrowHalf = Vector256.ShiftRightArithmetic(narrowInteger, 1);
        return (Of(Vector256.ShiftLeft(narrowHalf + Vector256.Create(1023L), 52).AsDouble()), Of(Vector256.ShiftLeft(narrowInteger - narrowHalf + Vector256.Create(1023L), 52).AsDouble()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double target, nuint index)
    {
        if (typeof(TVector) == typeof(Vector512<double>))
        {
            Wide.StoreUnsafe(ref target, index);
        }
        else
        {
            Narrow.StoreUnsafe(ref target, index);
        }
    }

    /// <summary>The lanes of a 256-bit vector (for <c>Lanes&lt;Vector256&lt;double&gt;&gt;</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> Of(Vector256<double> value) => new((TVector)(object)value);

    /// <summary>The lanes of a 512-bit vector (for <c>Lanes&lt;Vector512&lt;double&gt;&gt;</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TVector> Of(Vector512<double> value) => new((TVector)(object)value);

    /// <summary>The lanes as their vector type.</summary>
    public TVector Value => _value;
}
