using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using FairMtl.Store;

namespace FairMtl.Host.Store;

/// <summary>What the SQLite and PostgreSQL stores share: the results query and how its rows read, the units' states
/// query's rows, the timestamps they write, and how a message loses any password.</summary>
internal static partial class StoreText
{
    /// <summary>Now in UTC as ISO 8601 to the second, as every store writes its dates.</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The stored results with their stored-unit counts; <paramref name="schema"/> prefixes the tables
    /// (<c>fairmtl.</c> on PostgreSQL), <paramref name="tail"/> filters or orders (parameters as <c>@name</c>).</summary>
    public static string Summaries(string schema, string tail) =>
        $"""
        SELECT r.id, r.experiment, r.kind, r.numerics_version, r.code_version, r.identity, r.created, r.updated, r.units,
               (SELECT count(*) FROM {schema}result_units ru JOIN {schema}units u ON u.identity = ru.identity WHERE ru.result_id = r.id),
               r.snapshot IS NOT NULL, r.spec, r.snapshot
        FROM {schema}results r {tail}
        """;

    /// <summary>Every row of <see cref="Summaries"/>.</summary>
    public static IReadOnlyList<StoredResult> AllSummaries(DbDataReader reader)
    {
        var results = new List<StoredResult>();
        while (reader.Read())
        {
            results.Add(Summary(reader));
        }

        return results;
    }

    /// <summary>A row of <see cref="Summaries"/>.</summary>
    public static StoredResult Summary(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetString(6), reader.GetString(7), reader.GetInt32(8), Convert.ToInt32(reader.GetValue(9), CultureInfo.InvariantCulture), reader.GetBoolean(10));

    /// <summary>A row of <see cref="Summaries"/> with its spec and tables.</summary>
    public static StoredResultDetail Detail(DbDataReader reader) =>
        new(Summary(reader), reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12));

    /// <summary>Rows of (identity, stored seconds, stored worker, claim worker, lease age in seconds, claim live), in the
    /// order asked.</summary>
    public static IReadOnlyList<UnitState> States(DbDataReader reader)
    {
        var states = new List<UnitState>();
        while (reader.Read())
        {
            states.Add(!reader.IsDBNull(1)
                ? new UnitState(reader.GetString(0), UnitStatus.Stored, reader.GetString(2), reader.GetDouble(1))
                : !reader.IsDBNull(3)
                    ? new UnitState(reader.GetString(0), reader.GetBoolean(5) ? UnitStatus.Running : UnitStatus.Lapsed, reader.GetString(3), reader.GetDouble(4))
                    : new UnitState(reader.GetString(0), UnitStatus.Pending, null, 0));
        }

        return states;
    }

    /// <summary><paramref name="message"/> without any <c>Password=...</c> or <c>user:password@</c> part.</summary>
    public static string Redacted(string message) => UrlPassword().Replace(PasswordSetting().Replace(message, "Password=***"), "$1:***@");

    [GeneratedRegex(@"Password\s*=\s*[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordSetting();

    [GeneratedRegex(@"(postgres(?:ql)?://[^:/@\s]+):[^@\s]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();
}
