using System.Runtime.CompilerServices;

namespace FairMtl.Numerics;

/// <summary>
/// The arrays a unit's engine objects are built from (network weights and batch buffers, optimiser state, the trainer's
/// and the losses' scratch space), recycled between the units a thread trains: the execution layer opens a scope around
/// each unit (<see cref="Begin"/>), arrays rented inside it go back to the thread's pool when it closes, and the next
/// unit of the same shapes rents them again instead of allocating. So a sweep of hundreds of models allocates its
/// buffers once per thread and trains without garbage collections.
/// </summary>
/// <remarks>
/// <see cref="Rent{T}"/> always returns an array of exactly the requested length, all zero, like <c>new T[length]</c>:
/// recycling changes no result. Outside a scope it is <c>new T[length]</c>. Only objects that end with their unit may
/// rent: a rented array must never be part of a unit's result (the next unit overwrites it). A thread keeps at most
/// <see cref="MaxRetainedBytes"/> in its pool; arrays beyond that are left to the garbage collector. Inside a scope, new
/// arrays live as long as the pool, so none is put in the young generation: an array below the large-object size
/// (<see cref="LargeObjectBytes"/>) comes from the pinned object heap (<see cref="GC.AllocateArray{T}(int, bool)"/>), so
/// that it is neither copied through the young generations nor counted against the young generation's budget, which
/// then lasts for the units' few small objects; a larger one is an ordinary array, which the runtime puts on the
/// large-object heap. Not those on the pinned object heap too: that heap has a budget of its own, which nothing before
/// training has grown, and the megabytes of a thread's first large arrays (Adult's training entries, 4 MB) exceeded it,
/// starting a background full collection in the first seconds of every classification protocol; the large-object
/// heap's budget, which loading the data grows, takes them without one.
/// </remarks>
public static class UnitBuffers
{
    /// <summary>The most a thread keeps for later units (an Adult unit rents about 1.3 MB; a machine with many threads
    /// keeps at most this much per training thread).</summary>
    public const long MaxRetainedBytes = 64L << 20;

    /// <summary>The size from which the runtime puts an array on the large-object heap (its default threshold).</summary>
    private const long LargeObjectBytes = 85_000;

    [ThreadStatic]
    private static Pool? t_pool;

    /// <summary>A zeroed array of exactly <paramref name="length"/> elements: recycled inside a unit scope, new outside.</summary>
    public static T[] Rent<T>(int length)
        where T : unmanaged
    {
        if (length == 0)
        {
            return [];
        }

        var pool = t_pool;
        return pool is { Depth: > 0 } ? pool.Rent<T>(length) : new T[length];
    }

    /// <summary>
    /// Zeroed scratch space of <paramref name="length"/> elements over a rented array whose length is rounded up to a
    /// power of two: for sizes that vary from unit to unit (a group's test rows in each repetition), which exact-length
    /// arrays would not let the next unit reuse.
    /// </summary>
    public static Span<T> Scratch<T>(int length)
        where T : unmanaged =>
        RentRounded<T>(length).AsSpan(0, length);

    /// <summary>A zeroed array of at least <paramref name="length"/> elements, its length rounded up to a power of two
    /// (see <see cref="Scratch{T}"/>).</summary>
    public static T[] RentRounded<T>(int length)
        where T : unmanaged =>
        length == 0 ? [] : Rent<T>((int)Math.Min(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length), Array.MaxLength));

    /// <summary>Opens this thread's unit scope (nested scopes belong to the outermost one).</summary>
    public static Scope Begin()
    {
        var pool = t_pool ??= new Pool();
        pool.Depth++;
        return new Scope(pool);
    }

    /// <summary>Arrays this thread's pool holds for later units, and the arrays lent to the open scope (for tests).</summary>
    public static (int Free, int Lent) Counts() => t_pool is { } pool ? (pool.FreeCount, pool.LentCount) : (0, 0);

    /// <summary>Closes the unit scope it was opened for: every array rented in it returns to the thread's pool.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Pool _pool;

        internal Scope(Pool pool) => _pool = pool;

        public void Dispose() => _pool.End();
    }

    internal sealed class Pool
    {
        private readonly Dictionary<(Type Type, int Length), Stack<Array>> _free = [];
        private readonly List<(Array Array, long Bytes)> _lent = [];
        private long _retainedBytes;

        public int Depth { get; set; }

        public int FreeCount => _free.Values.Sum(stack => stack.Count);

        public int LentCount => _lent.Count;

        public T[] Rent<T>(int length)
            where T : unmanaged
        {
            T[] array;
            if (_free.TryGetValue((typeof(T), length), out var stack) && stack.Count > 0)
            {
                array = (T[])stack.Pop();
                _retainedBytes -= (long)length * Unsafe.SizeOf<T>();
                Array.Clear(array);
            }
            else
            {
                array = (long)length * Unsafe.SizeOf<T>() >= LargeObjectBytes ? new T[length] : GC.AllocateArray<T>(length, pinned: true);
            }

            _lent.Add((array, (long)length * Unsafe.SizeOf<T>()));
            return array;
        }

        public void End()
        {
            if (--Depth > 0)
            {
                return;
            }

            foreach (var (array, bytes) in _lent)
            {
                if (_retainedBytes + bytes > MaxRetainedBytes)
                {
                    continue;
                }

                var key = (array.GetType().GetElementType()!, array.Length);
                if (!_free.TryGetValue(key, out var stack))
                {
                    _free[key] = stack = new Stack<Array>();
                }

                stack.Push(array);
                _retainedBytes += bytes;
            }

            _lent.Clear();
        }
    }
}
