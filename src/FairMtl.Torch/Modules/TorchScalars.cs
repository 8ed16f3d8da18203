using TorchSharp;
using static TorchSharp.torch;

namespace FairMtl.Torch.Modules;

/// <summary>
/// The numbers the engine passes to libtorch as scalars, each held until the end of the step that made it
/// (<see cref="Release"/>). TorchSharp 0.107 turns a number given where libtorch takes a scalar into a <c>Scalar</c>
/// object that owns a native handle and is left to its finalizer: once the handle is on its way into libtorch the object
/// is unreachable, and a garbage collection started by another thread can finalise it, freeing the native scalar while
/// libtorch reads it; the process then dies (c10 "Unknown scalar type", exit code 134; dotnet/TorchSharp#1434). Every
/// number the engine, its layers, its optimisers and the generated weightings pass as a scalar goes through
/// <see cref="Of(float)"/> or <see cref="Of(double)"/> instead, and so does the factor 1 that TorchSharp's own
/// <c>add</c>/<c>add_</c> without a factor (and the <c>+</c> operator) would pass implicitly: sums go through
/// <see cref="Sum(Tensor, Tensor)"/> and its overloads, or pass <see cref="One"/>.
/// </summary>
public static class TorchScalars
{
    [ThreadStatic]
    private static List<Scalar>? t_live;

    /// <summary>A float scalar held until <see cref="Release"/> on this thread.</summary>
    public static Scalar Of(float value) => Keep(value.ToScalar());

    /// <summary>A double scalar held until <see cref="Release"/> on this thread.</summary>
    public static Scalar Of(double value) => Keep(value.ToScalar());

    /// <summary>An int scalar held until <see cref="Release"/> on this thread.</summary>
    public static Scalar Of(int value) => Keep(value.ToScalar());

    /// <summary>The factor 1 of a sum, held as <see cref="Of(int)"/>.</summary>
    public static Scalar One => Of(1);

    /// <summary>a + b.</summary>
    public static Tensor Sum(Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a + b.</summary>
    public static Tensor Sum(Tensor a, Scalar b) => a.add(b, One);

    /// <summary>a + b.</summary>
    public static Tensor Sum(Scalar a, Tensor b) => b.add(a, One);

    /// <summary>a - b (TorchSharp's tensor subtraction passes no factor).</summary>
    public static Tensor Difference(Tensor a, Tensor b) => a.sub(b);

    /// <summary>a - b.</summary>
    public static Tensor Difference(Tensor a, Scalar b) => a.sub(b);

    /// <summary>a - b, as -b + a.</summary>
    public static Tensor Difference(Scalar a, Tensor b) => b.negative().add(a, One);

    /// <summary>Frees this thread's scalars (after the libtorch calls that used them have returned).</summary>
    public static void Release()
    {
        var live = t_live;
        if (live is null)
        {
            return;
        }

        foreach (var scalar in live)
        {
            scalar.Dispose();
        }

        live.Clear();
    }

    private static Scalar Keep(Scalar scalar)
    {
        (t_live ??= []).Add(scalar);
        return scalar;
    }
}
