using Microsoft.Data.Sqlite;

namespace OrleansSweep.Hosting.Storage;

/// <summary>
/// The SQL behind <see cref="SqliteGrainStorage"/>: one row per (state name, grain id) holding an ETag and the
/// serialized state. Every method opens its own pooled connection, so the class is thread-safe.
/// </summary>
internal sealed class GrainStateTable : IDisposable
{
    private const string CreateSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            etag       TEXT NOT NULL,
            payload    BLOB NOT NULL,
            PRIMARY KEY (state_name, grain_id));
        """;

    private readonly string _connectionString;
    private readonly string _synchronous;

    public GrainStateTable(string databasePath, TimeSpan busyTimeout, bool syncEveryCommit)
    {
        _synchronous = syncEveryCommit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (folder is not null) Directory.CreateDirectory(folder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY / SQLITE_LOCKED until this many seconds have passed.
            DefaultTimeout = Math.Max(1, (int)busyTimeout.TotalSeconds),
        }.ToString();
        Execute(CreateSql);
    }

    public (string ETag, byte[] Payload)? Read(string stateName, string grainId)
    {
        using var connection = Open();
        using var command = Command(connection,
            "SELECT etag, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain", stateName, grainId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    public string? ReadETag(string stateName, string grainId)
    {
        using var connection = Open();
        using var command = Command(connection,
            "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain", stateName, grainId);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Inserts the row unless one exists; false when it already existed.</summary>
    public bool Insert(string stateName, string grainId, string newETag, byte[] payload) => ChangesOneRow(
        "INSERT INTO grain_state VALUES ($state, $grain, $new, $payload) ON CONFLICT DO NOTHING",
        stateName, grainId, ("$new", newETag), ("$payload", payload));

    /// <summary>Replaces the row if it still carries <paramref name="etag"/>; false otherwise.</summary>
    public bool Update(string stateName, string grainId, string etag, string newETag, byte[] payload) => ChangesOneRow(
        "UPDATE grain_state SET etag = $new, payload = $payload WHERE state_name = $state AND grain_id = $grain AND etag = $etag",
        stateName, grainId, ("$etag", etag), ("$new", newETag), ("$payload", payload));

    /// <summary>Deletes the row if it still carries <paramref name="etag"/>; false otherwise.</summary>
    public bool Delete(string stateName, string grainId, string etag) => ChangesOneRow(
        "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND etag = $etag",
        stateName, grainId, ("$etag", etag));

    /// <summary>Closes the pooled connections so the file is released.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private bool ChangesOneRow(string sql, string stateName, string grainId, params (string, object)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, stateName, grainId, parameters);
        return command.ExecuteNonQuery() == 1;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    // A connection per operation: the pool makes opening cheap and no connection is ever shared between threads.
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = new SqliteCommand(_synchronous, connection);   // a per-connection setting
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string stateName, string grainId,
        params (string Name, object Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
