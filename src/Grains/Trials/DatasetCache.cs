using System.Collections.Concurrent;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// Datasets loaded once per silo and shared read-only by its slots. The subset is drawn with the sweep's
/// seed, so every trial of a sweep sees the same samples (part of the paired comparison).
/// </summary>
public sealed class DatasetCache : IDisposable
{
    private readonly ConcurrentDictionary<(Dataset Dataset, string Directory, int? Subset, long Seed), Lazy<DatasetSplit>> _loaded = new();

    public DatasetSplit Get(Dataset dataset, string? directory, int? subset, long subsetSeed)
    {
        var key = (dataset, directory ?? DataDirectories.Default(dataset), subset, subsetSeed);
        var lazy = _loaded.GetOrAdd(key, k => new Lazy<DatasetSplit>(() => DatasetLoader.Load(k.Dataset, k.Directory, k.Subset, k.Seed)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _loaded.TryRemove(key, out _);   // a missing or corrupt file may be fixed; don't remember the failure
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _loaded.Values.Where(l => l.IsValueCreated)) lazy.Value.Dispose();
    }
}
