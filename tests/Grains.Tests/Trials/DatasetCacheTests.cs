using OrleansSweep.Grains.Trials;
using OrleansSweep.Training;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Tests.Trials;

/// <summary>
/// The silo's dataset cache on real Fashion-MNIST (a 200-image subset): the host copy serves CPU slots as it is; each
/// CUDA device gets one copy, shared by that device's sessions and released with the last of them. No GPU here: a
/// stand-in copy (a CPU clone that remembers the device it was made for) takes the place of the transfer.
/// </summary>
public sealed class DatasetCacheTests
{
    private readonly List<TrainingDevice> _copiedTo = [];

    [Fact]
    public void Cpu_slots_share_the_host_copy_and_nothing_is_copied()
    {
        using var cache = Cache();
        using var first = Acquire(cache, TrainingDevice.Cpu);
        using var second = Acquire(cache, TrainingDevice.Cpu);

        Assert.Same(first.Data, second.Data);
        Assert.Empty(_copiedTo);
        var held = cache.BytesByDevice();
        Assert.Equal([TrainingDevice.Cpu], held.Keys);
        Assert.Equal(Bytes(first.Data), held[TrainingDevice.Cpu]);
        Assert.Equal(200 * 28 * 28 * 4 + 200 * 8, Bytes(first.Data.Train));
    }

    [Fact]
    public void Each_gpu_gets_one_copy_shared_by_its_sessions_and_released_with_the_last()
    {
        using var cache = Cache();
        var onCuda0 = Acquire(cache, TrainingDevice.Cuda(0));
        var againOnCuda0 = Acquire(cache, TrainingDevice.Cuda(0));
        var onCuda1 = Acquire(cache, TrainingDevice.Cuda(1));

        // Both splits (train, validation) once per device, not per session.
        Assert.Equal([TrainingDevice.Cuda(0), TrainingDevice.Cuda(0), TrainingDevice.Cuda(1), TrainingDevice.Cuda(1)], _copiedTo);
        Assert.Same(onCuda0.Data, againOnCuda0.Data);
        Assert.NotSame(onCuda0.Data, onCuda1.Data);
        Assert.Equal(2, cache.UsersOn(TrainingDevice.Cuda(0)));
        var held = cache.BytesByDevice();
        Assert.Equal(held[TrainingDevice.Cpu], held[TrainingDevice.Cuda(0)]);
        Assert.Equal(held[TrainingDevice.Cpu], held[TrainingDevice.Cuda(1)]);

        onCuda0.Dispose();
        onCuda0.Dispose();                                                             // a lease releases once
        Assert.Equal(1, cache.UsersOn(TrainingDevice.Cuda(0)));
        Assert.True(cache.BytesByDevice().ContainsKey(TrainingDevice.Cuda(0)));

        var copy = againOnCuda0.Data;
        againOnCuda0.Dispose();
        Assert.Equal(0, cache.UsersOn(TrainingDevice.Cuda(0)));
        Assert.False(cache.BytesByDevice().ContainsKey(TrainingDevice.Cuda(0)));     // released: nobody trains there
        Assert.Throws<InvalidOperationException>(() => copy.Train.Images.shape);      // its tensors are disposed
        Assert.True(cache.BytesByDevice().ContainsKey(TrainingDevice.Cuda(1)));

        using var later = Acquire(cache, TrainingDevice.Cuda(0));                     // a new session: a new copy
        Assert.Equal(6, _copiedTo.Count);
        onCuda1.Dispose();
    }

    [Fact]
    public void A_copy_that_fails_is_not_kept()
    {
        var fail = true;
        using var cache = new DatasetCache((data, device) =>
            fail ? throw new InvalidOperationException("CUDA out of memory") : Copy(data, device));

        Assert.Throws<InvalidOperationException>(() => Acquire(cache, TrainingDevice.Cuda(0)));
        Assert.Equal(0, cache.UsersOn(TrainingDevice.Cuda(0)));
        fail = false;
        using var lease = Acquire(cache, TrainingDevice.Cuda(0));
        Assert.Equal(1, cache.UsersOn(TrainingDevice.Cuda(0)));
    }

    private DatasetCache Cache() => new((data, device) =>
    {
        _copiedTo.Add(device);
        return Copy(data, device);
    });

    private static TensorDataset Copy(TensorDataset data, TrainingDevice device) =>
        new(data.Images.clone(), data.Labels.clone(), data.Classes, data.Normalization);

    private static DatasetLease Acquire(DatasetCache cache, TrainingDevice device) =>
        cache.Acquire(Dataset.FashionMnist, null, subset: 200, subsetSeed: 1, device);

    private static long Bytes(DatasetSplit split) => Bytes(split.Train) + Bytes(split.Validation);

    private static long Bytes(TensorDataset data) =>
        data.Images.NumberOfElements * data.Images.ElementSize + data.Labels.NumberOfElements * data.Labels.ElementSize;
}
