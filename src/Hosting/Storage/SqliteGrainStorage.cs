using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrleansSweep.Grains.Slots;

namespace OrleansSweep.Hosting.Storage;

/// <summary>
/// Grain storage in one local SQLite file (embedded mode). Optimistic concurrency: every write gets a fresh random
/// ETag, and a write or clear succeeds only if the caller holds the stored ETag (null when no row exists);
/// otherwise it throws <see cref="InconsistentStateException"/>. Clear deletes the row, so afterwards
/// RecordExists is false and the ETag is null. Keys don't include the Orleans ServiceId: one file per service.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    // Microsoft.Data.Sqlite is synchronous. Each file's calls run on one thread of its own (shared by every instance
    // on the file, e.g. several silos of one test process): they never block the thread pool that runs the grains
    // (2 threads on 2 cores; bench/README.md, scheduling), and SQLite's one writer per file queues here instead of
    // in Microsoft.Data.Sqlite's busy-sleep retry loop.
    // Counted by the instances using it; the last one to go ends it (a test process opens many files).
    private static readonly Dictionary<string, (DedicatedThread Thread, int Users)> Threads = new();

    private readonly GrainStateTable _table;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly DedicatedThread _thread;
    private readonly string _path;
    private bool _disposed;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IGrainStorageSerializer serializer,
        IActivatorProvider activators)
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
            throw new ArgumentException($"Grain storage '{name}': DatabasePath is empty.", nameof(options));
        _table = new GrainStateTable(options.DatabasePath, options.BusyTimeout, options.SyncEveryCommit);
        _path = Path.GetFullPath(options.DatabasePath);
        _thread = AcquireThread(_path);
        _serializer = options.GrainStorageSerializer ?? serializer;
        _activators = activators;
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var row = await _thread.Run(() => _table.Read(stateName, key));
        grainState.State = row is null ? NewState<T>() : _serializer.Deserialize<T>(new BinaryData(row.Value.Payload)) ?? NewState<T>();
        grainState.ETag = row?.ETag;
        grainState.RecordExists = row is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var (etag, newETag, key) = (grainState.ETag, Guid.NewGuid().ToString("N"), grainId.ToString());
        var conflict = await _thread.Run(() =>
        {
            var written = etag is null ? _table.Insert(stateName, key, newETag, payload) : _table.Update(stateName, key, etag, newETag, payload);
            return written ? null : Conflict("write", stateName, key, etag);
        });
        if (conflict is not null) throw conflict;
        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (etag, key) = (grainState.ETag, grainId.ToString());
        var conflict = await _thread.Run(() =>
        {
            // A null ETag clears nothing, which is fine only if there is nothing.
            var cleared = etag is null ? _table.ReadETag(stateName, key) is null : _table.Delete(stateName, key, etag);
            return cleared ? null : Conflict("clear", stateName, key, etag);
        });
        if (conflict is not null) throw conflict;
        grainState.State = NewState<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        ReleaseThread(_path);
        _table.Dispose();
    }

    private static DedicatedThread AcquireThread(string path)
    {
        lock (Threads)
        {
            var (thread, users) = Threads.GetValueOrDefault(path);
            thread ??= new DedicatedThread($"sqlite {Path.GetFileName(path)}");
            Threads[path] = (thread, users + 1);
            return thread;
        }
    }

    private static void ReleaseThread(string path)
    {
        lock (Threads)
        {
            if (!Threads.TryGetValue(path, out var entry)) return;
            if (entry.Users > 1) { Threads[path] = (entry.Thread, entry.Users - 1); return; }
            Threads.Remove(path);
            entry.Thread.Dispose();   // runs what is queued, then ends
        }
    }

    private T NewState<T>() => _activators.GetActivator<T>().Create();

    private InconsistentStateException Conflict(string operation, string stateName, string grainId, string? etag)
    {
        var stored = _table.ReadETag(stateName, grainId);
        return new InconsistentStateException(
            $"SQLite grain storage: {operation} of '{stateName}' for {grainId} with ETag '{etag ?? "none"}' " +
            $"conflicts with stored ETag '{stored ?? "none"}'.", stored ?? "", etag ?? "");
    }
}

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
