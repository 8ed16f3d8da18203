using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FairMtl.Tests.Store;

/// <summary>Reads and edits a store file directly, as another program would, to look inside it or to damage it.</summary>
internal static class StoreFile
{
    public static long Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs the statements in order; returns the rows the last one changed.</summary>
    public static int Execute(string path, params string[] statements)
    {
        using var connection = Open(path);
        var changed = 0;
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            changed = command.ExecuteNonQuery();
        }

        return changed;
    }

    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
