using System.Collections.Concurrent;
using OrleansSweep.Training.Data;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// Datasets loaded once per silo and shared read-only by its slots. The subset is drawn with a fixed
/// seed, so every trial of a sweep sees the same samples (part of the paired comparison).
/// </summary>
public sealed class DatasetCache : IDisposable
{
    private readonly ConcurrentDictionary<(DatasetKind, string, int?), Lazy<DatasetSplit>> _loaded = new();

    public DatasetSplit Get(string dataset, string? directory, int? subset)
    {
        if (!DatasetNames.TryParse(dataset, out var kind)) throw new ArgumentException($"dataset: unknown '{dataset}'");
        var dir = directory ?? DataDirectories.Default(kind);
        return _loaded.GetOrAdd((kind, dir, subset), key => new Lazy<DatasetSplit>(() => DatasetLoader.Load(key.Item1, key.Item2, key.Item3))).Value;
    }

    public void Dispose()
    {
        foreach (var lazy in _loaded.Values.Where(l => l.IsValueCreated)) lazy.Value.Dispose();
    }
}
