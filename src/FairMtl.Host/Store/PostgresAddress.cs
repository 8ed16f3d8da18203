using System.Globalization;
using FairMtl.Diagnostics;

namespace FairMtl.Host.Store;

/// <summary>
/// A PostgreSQL run store's address as <c>--store</c> gives it: <c>postgres://user@host[:port]/database</c> (or
/// <c>postgresql://</c>). The password comes from <c>PGPASSWORD</c> or a <c>PGPASSFILE</c>; one written into the address is
/// used but never shown (<see cref="Display"/>) and refused where it would be written down (sbatch scripts).
/// </summary>
/// <param name="Host">The server's host name or address.</param>
/// <param name="Port">Its port (default 5432).</param>
/// <param name="User">The user name.</param>
/// <param name="Database">The database.</param>
/// <param name="Password">A password written into the address, or null.</param>
public sealed record PostgresAddress(string Host, int Port, string User, string Database, string? Password)
{
    /// <summary>The address without any password: what messages, logs and scripts show.</summary>
    public string Display => string.Create(CultureInfo.InvariantCulture, $"postgres://{Uri.EscapeDataString(User)}@{Host}:{Port}/{Uri.EscapeDataString(Database)}");

    /// <summary>Whether <paramref name="store"/> is a PostgreSQL address rather than a file.</summary>
    public static bool IsAddress(string? store) =>
        store is not null && (store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a <c>postgres://</c> address.</summary>
    /// <exception cref="FairMtlException">It is not of the form <c>postgres://user@host[:port]/database</c>.</exception>
    public static PostgresAddress Parse(string store)
    {
        ArgumentNullException.ThrowIfNull(store);
        FairMtlException Wrong(string what) => new(
            DiagnosticCodes.InvalidValue, null, $"--store {StoreText.Redacted(store)}: {what} (expected postgres://user@host[:port]/database; the password goes in PGPASSWORD or a PGPASSFILE)");
        if (!Uri.TryCreate(store, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw Wrong("not an address");
        }

        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length == 0)
        {
            throw Wrong("no user name");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw Wrong("no database name after the host");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Wrong("options after the database name are not supported");
        }

        return new PostgresAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port, Uri.UnescapeDataString(user[0]), database, user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null);
    }
}
