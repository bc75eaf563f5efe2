using Orleans.Storage;

namespace OrleansSweep.Hosting.Storage;

/// <summary>Settings of one <see cref="SqliteGrainStorage"/> (one database file).</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>The SQLite file; created with its folder when missing.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>How long an operation waits for a lock held by another connection before it fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// False (default): WAL with <c>synchronous = NORMAL</c>: every acknowledged write survives a crash or
    /// kill of the process; a power loss or OS crash may roll back the last moments of writes, always as a
    /// consistent prefix (so the engine's ordering guarantees hold). True: fsync every commit (FULL), which
    /// survives power loss too, at several milliseconds per write.
    /// </summary>
    public bool SyncEveryCommit { get; set; }

    /// <summary>Serializer for state payloads; null means the silo's <see cref="IGrainStorageSerializer"/>.</summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }
}
