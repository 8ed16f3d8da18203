namespace FairMtl.Host.Store;

/// <summary>Where the run store is when <c>--store</c> does not say.</summary>
public static class StoreLocation
{
    /// <summary><c>results/runs.db</c> under the current folder: beside the default results folders.</summary>
    public static string Default { get; } = Path.Combine("results", "runs.db");

    /// <summary>The store file <c>--store</c> names, or <see cref="Default"/>.</summary>
    public static string Of(string? option) => option ?? Default;
}
