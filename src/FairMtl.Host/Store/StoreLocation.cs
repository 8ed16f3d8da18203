using FairMtl.Store;

namespace FairMtl.Host.Store;

/// <summary>
/// Where the run store is: <c>--store</c> names a SQLite file (default <see cref="Default"/>) or a PostgreSQL database
/// (<c>postgres://user@host:port/database</c>, <see cref="PostgresAddress"/>).
/// </summary>
public static class StoreLocation
{
    /// <summary><c>results/runs.db</c> under the current folder: beside the default results folders.</summary>
    public static string Default { get; } = Path.Combine("results", "runs.db");

    /// <summary>The store file or address <c>--store</c> names, or <see cref="Default"/>.</summary>
    public static string Of(string? option) => option ?? Default;

    /// <summary>The store as messages show it: a file path with forward slashes, an address without its password.</summary>
    public static string Display(string? option) =>
        PostgresAddress.IsAddress(option) ? StoreText.Redacted(option!) : Of(option).Replace('\\', '/');

    /// <summary>Whether the store <c>--store</c> names may hold something: a database address (the server answers for it),
    /// or a store file that exists. Commands that only read (<c>collect</c>, <c>status</c>, <c>runs</c>) check this
    /// first, so that they never create an empty store file.</summary>
    public static bool Exists(string? option) => PostgresAddress.IsAddress(option) || File.Exists(Of(option));

    /// <summary>What a reading command says when <see cref="Exists"/> is false.</summary>
    public static string Missing(string? option) =>
        $"no run store at {Display(option)} (a run or a worker creates it; --store chooses another)";

    /// <summary>Starts compiling the store's code in the background (<see cref="SqliteRunStore.WarmUpInBackground"/>);
    /// a PostgreSQL store has nothing to warm up.</summary>
    public static Task WarmUp(string? option) =>
        PostgresAddress.IsAddress(option) ? Task.CompletedTask : SqliteRunStore.WarmUpInBackground();

    /// <summary>Opens the store <c>--store</c> names (creating or migrating its schema).</summary>
    /// <param name="option">The <c>--store</c> value, or null for <see cref="Default"/>.</param>
    /// <param name="lease">How long a claim holds without renewal (default 60 s).</param>
    /// <exception cref="RunStoreException">The store cannot be opened.</exception>
    /// <exception cref="Diagnostics.FairMtlException">A malformed address.</exception>
    public static IRunStore Open(string? option, TimeSpan? lease = null) =>
        PostgresAddress.IsAddress(option) ? OpenPostgres(PostgresAddress.Parse(option!), lease) : SqliteRunStore.Open(Of(option), lease);

    /// <summary>Its own method, so that a run on a SQLite store never loads Npgsql.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IRunStore OpenPostgres(PostgresAddress address, TimeSpan? lease) => PostgresRunStore.Open(address, lease);
}
