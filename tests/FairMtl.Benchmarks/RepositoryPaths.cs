namespace FairMtl.Benchmarks;

/// <summary>The built host next to the benchmark (the rest: tests/Shared/Benchmarks/RepositoryPaths.cs).</summary>
internal static partial class RepositoryPaths
{
    public static string HostAssembly => Path.Combine(AppContext.BaseDirectory, "FairMtl.Host.dll");
}
