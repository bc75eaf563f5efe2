using System.Collections.Concurrent;
using OrleansSweep.Training;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// Datasets shared read-only by this silo's slots. Each is loaded once into host memory and kept for the silo's life:
/// CPU slots train on that copy directly, so a CPU silo never reloads. Each CUDA device gets one copy of it, made by the
/// first slot that trains there and released when the last session using it on that device closes. The subset is drawn
/// with the sweep's seed, so every trial of a sweep sees the same samples (part of the paired comparison).
/// </summary>
public sealed class DatasetCache : IDisposable
{
    private readonly ConcurrentDictionary<DataKey, Lazy<DatasetSplit>> _loaded = new();
    private readonly Dictionary<(DataKey Data, TrainingDevice Device), DeviceCopy> _copies = [];
    private readonly Func<TensorDataset, TrainingDevice, TensorDataset> _copyTo;

    public DatasetCache() : this(CopyTo) { }

    /// <param name="copyTo">How a split is copied to a device (tests stand in for a GPU with it).</param>
    internal DatasetCache(Func<TensorDataset, TrainingDevice, TensorDataset> copyTo) => _copyTo = copyTo;

    /// <summary>
    /// The dataset on <paramref name="device"/>, for one session: dispose the lease when the session closes. The data
    /// is shared: read it, never write it.
    /// </summary>
    public DatasetLease Acquire(Dataset dataset, string? directory, int? subset, long subsetSeed, TrainingDevice device)
    {
        var key = new DataKey(dataset, directory ?? DataDirectories.Default(dataset), subset, subsetSeed);
        var host = Load(key);
        if (!device.IsCuda) return new DatasetLease(host, null);
        DeviceCopy copy;
        lock (_copies)
        {
            if (!_copies.TryGetValue((key, device), out copy!)) _copies[(key, device)] = copy = new DeviceCopy(host, device, _copyTo);
            copy.Users++;
        }
        try
        {
            return new DatasetLease(copy.Split, () => Release(key, device, copy));
        }
        catch
        {
            Release(key, device, copy);   // the copy failed (e.g. out of device memory): not kept
            throw;
        }
    }

    /// <summary>Bytes of dataset tensors held on each device: host copies on <c>cpu</c>, one copy per dataset on each GPU.</summary>
    public IReadOnlyDictionary<TrainingDevice, long> BytesByDevice()
    {
        var bytes = new Dictionary<TrainingDevice, long> { [TrainingDevice.Cpu] = _loaded.Values.Where(l => l.IsValueCreated).Sum(l => Bytes(l.Value)) };
        lock (_copies)
            foreach (var ((_, device), copy) in _copies)
                if (copy.Made is { } split) bytes[device] = bytes.GetValueOrDefault(device) + Bytes(split);
        return bytes;
    }

    /// <summary>Sessions holding a copy on <paramref name="device"/>, per dataset (for tests and diagnostics).</summary>
    public int UsersOn(TrainingDevice device)
    {
        lock (_copies) return _copies.Where(c => c.Key.Device == device).Sum(c => c.Value.Users);
    }

    public void Dispose()
    {
        lock (_copies)
        {
            foreach (var copy in _copies.Values) copy.Dispose();
            _copies.Clear();
        }
        foreach (var lazy in _loaded.Values.Where(l => l.IsValueCreated)) lazy.Value.Dispose();
    }

    private DatasetSplit Load(DataKey key)
    {
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

    private void Release(DataKey key, TrainingDevice device, DeviceCopy copy)
    {
        lock (_copies)
        {
            if (--copy.Users > 0) return;
            _copies.Remove((key, device));
        }
        copy.Dispose();
    }

    private static long Bytes(DatasetSplit split) => Bytes(split.Train) + Bytes(split.Validation);

    private static long Bytes(TensorDataset data) =>
        data.Images.NumberOfElements * data.Images.ElementSize + data.Labels.NumberOfElements * data.Labels.ElementSize;

    private static TensorDataset CopyTo(TensorDataset data, TrainingDevice device) =>
        new(data.Images.to(device.Torch), data.Labels.to(device.Torch), data.Classes, data.Normalization);

    private sealed record DataKey(Dataset Dataset, string Directory, int? Subset, long Seed);

    /// <summary>One dataset's copy on one device, made by its first user (on that user's slot thread), counted by users.</summary>
    private sealed class DeviceCopy(DatasetSplit host, TrainingDevice device, Func<TensorDataset, TrainingDevice, TensorDataset> copyTo) : IDisposable
    {
        private readonly Lazy<DatasetSplit> _split = new(() =>
        {
            var train = copyTo(host.Train, device);
            try
            {
                return new DatasetSplit(train, copyTo(host.Validation, device));
            }
            catch
            {
                train.Dispose();
                throw;
            }
        });

        public int Users { get; set; }   // under the cache's lock
        public DatasetSplit Split => _split.Value;
        public DatasetSplit? Made => _split.IsValueCreated ? _split.Value : null;

        public void Dispose() => Made?.Dispose();
    }
}

/// <summary>A session's hold on a shared dataset; disposing it (once) lets the cache release a device copy nobody uses.</summary>
public sealed class DatasetLease(DatasetSplit data, Action? release) : IDisposable
{
    private Action? _release = release;

    public DatasetSplit Data => data;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
