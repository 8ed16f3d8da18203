using TorchSharp;

namespace FairMtl.Torch.Modules;

/// <summary>
/// The numbers the engine passes to libtorch as scalars, each held until the end of the step that made it
/// (<see cref="Release"/>). TorchSharp 0.107 turns a number given where libtorch takes a scalar into a <c>Scalar</c>
/// object that owns a native handle and is left to its finalizer: once the handle is on its way into libtorch the object
/// is unreachable, and a garbage collection started by another thread can finalise it, freeing the native scalar while
/// libtorch reads it; the process then dies (c10 "Unknown scalar type", exit code 134; dotnet/TorchSharp#1434). Every
/// number the engine, its layers, its optimisers and the generated weightings pass as a scalar goes through
/// <see cref="Of(float)"/> or <see cref="Of(double)"/> instead.
/// </summary>
public static class TorchScalars
{
    [ThreadStatic]
    private static List<Scalar>? t_live;

    /// <summary>A float scalar held until <see cref="Release"/> on this thread.</summary>
    public static Scalar Of(float value) => Keep(value.ToScalar());

    /// <summary>A double scalar held until <see cref="Release"/> on this thread.</summary>
    public static Scalar Of(double value) => Keep(value.ToScalar());

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
