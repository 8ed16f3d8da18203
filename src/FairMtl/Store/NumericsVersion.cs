using System.Reflection;

namespace FairMtl.Store;

/// <summary>
/// The version of the code that can change a unit's numbers: a SHA-256 that the build computes over the library's
/// sources except those that only present results (<c>Reports</c>, <c>Diagnostics</c>, <c>Declarations</c>; see the
/// <c>FairMtlNumericsHash</c> target of <c>FairMtl.csproj</c>). A stored unit is reused only by a build with the same
/// hash; a change to the report code keeps every stored unit, a change to the engine or the data pipeline retrains.
/// </summary>
public static class NumericsVersion
{
    /// <summary>The hash of this build (hex), or <c>unknown</c> for a build without the target.</summary>
    public static string Current { get; } =
        typeof(NumericsVersion).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "FairMtl.NumericsHash")?.Value ?? "unknown";

    /// <summary>The numerics version of units trained by <paramref name="engine"/>: <see cref="Current"/> for the native
    /// engine; for another one, <see cref="Current"/> joined with that engine's own code version, so that a unit stored
    /// by one build of the libtorch engine (or one TorchSharp) is not reused by another.</summary>
    public static string For(Spec.TrainingEngine engine) =>
        Of(engine, engine == Spec.TrainingEngine.Native ? null : Training.TrainingEngines.For(engine).Version);

    /// <summary><see cref="For"/> given the engine's version.</summary>
    public static string Of(Spec.TrainingEngine engine, string? engineVersion) =>
        engine == Spec.TrainingEngine.Native ? Current : $"{Current}+{engine.ToString().ToLowerInvariant()}:{engineVersion}";
}
