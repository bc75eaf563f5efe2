using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrleansSweep.Grains.Storage;

/// <summary>
/// Grain storage in one local SQLite file (embedded mode). Optimistic concurrency: every write gets a fresh random
/// ETag, and a write or clear succeeds only if the caller holds the stored ETag (null when no row exists);
/// otherwise it throws <see cref="InconsistentStateException"/>. Clear deletes the row, so afterwards
/// RecordExists is false and the ETag is null. Keys don't include the Orleans ServiceId: one file per service.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    // SQLite admits one writer per file; queueing here (shared by every instance on the file, e.g. several silos of
    // one test process) is cheaper than Microsoft.Data.Sqlite's busy-sleep retry loop.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new();

    private readonly GrainStateTable _table;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly SemaphoreSlim _writeGate;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IGrainStorageSerializer serializer,
        IActivatorProvider activators)
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
            throw new ArgumentException($"Grain storage '{name}': DatabasePath is empty.", nameof(options));
        _table = new GrainStateTable(options.DatabasePath, options.BusyTimeout, options.SyncEveryCommit);
        _writeGate = WriteGates.GetOrAdd(Path.GetFullPath(options.DatabasePath), _ => new SemaphoreSlim(1, 1));
        _serializer = options.GrainStorageSerializer ?? serializer;
        _activators = activators;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = _table.Read(stateName, grainId.ToString());
        grainState.State = row is null ? NewState<T>() : _serializer.Deserialize<T>(new BinaryData(row.Value.Payload)) ?? NewState<T>();
        grainState.ETag = row?.ETag;
        grainState.RecordExists = row is not null;
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var newETag = Guid.NewGuid().ToString("N");
        var key = grainId.ToString();
        await _writeGate.WaitAsync();
        try
        {
            var written = grainState.ETag is null
                ? _table.Insert(stateName, key, newETag, payload)
                : _table.Update(stateName, key, grainState.ETag, newETag, payload);
            if (!written) throw Conflict("write", stateName, key, grainState.ETag);
        }
        finally { _writeGate.Release(); }
        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        await _writeGate.WaitAsync();
        try
        {
            // A null ETag clears nothing, which is fine only if there is nothing.
            var cleared = grainState.ETag is null
                ? _table.ReadETag(stateName, key) is null
                : _table.Delete(stateName, key, grainState.ETag);
            if (!cleared) throw Conflict("clear", stateName, key, grainState.ETag);
        }
        finally { _writeGate.Release(); }
        grainState.State = NewState<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Dispose() => _table.Dispose();

    private T NewState<T>() => _activators.GetActivator<T>().Create();

    private InconsistentStateException Conflict(string operation, string stateName, string grainId, string? etag)
    {
        var stored = _table.ReadETag(stateName, grainId);
        return new InconsistentStateException(
            $"SQLite grain storage: {operation} of '{stateName}' for {grainId} with ETag '{etag ?? "none"}' " +
            $"conflicts with stored ETag '{stored ?? "none"}'.", stored ?? "", etag ?? "");
    }
}
