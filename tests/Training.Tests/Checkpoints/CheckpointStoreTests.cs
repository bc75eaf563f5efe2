using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Tests.Sessions;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Training.Tests.Checkpoints;

[Collection(TorchCollection.Name)]
public sealed class CheckpointStoreTests : IDisposable
{
    private readonly DatasetSplit data = SyntheticData.Create(train: 128, validation: 32);
    private readonly TempDirectory temp = new();
    private readonly TrainingSpec spec = Specs.Training(epochs: 3);

    public void Dispose()
    {
        data.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void Save_WritesAtomicallyAndKeepsTheLastTwo()
    {
        var store = TrainedStore(epochs: 3, out var lastWrite);

        Assert.Equal(["epoch-0002.ckpt", "epoch-0003.ckpt"], store.Files.Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFiles(store.Directory, "*.tmp"));
        Assert.Equal(new FileInfo(store.Files[^1]).Length, lastWrite.Bytes);
        Assert.True(lastWrite.Duration > TimeSpan.Zero);
        var (metadata, _) = CheckpointFile.Read(store.Files[^1]);
        Assert.Equal(3, metadata.Epoch);
        Assert.Equal(4, metadata.DataOrder.NextEpoch);
        Assert.Equal(spec, metadata.Spec);
    }

    [Fact]
    public void FlippedByteInTheLatest_IsDetectedAndThePreviousOneUsed()
    {
        var store = TrainedStore(epochs: 3);
        var latest = store.Files[^1];
        var bytes = File.ReadAllBytes(latest);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(latest, bytes);
        using var run = new TrainingSession(spec, data);

        Assert.True(store.TryRestoreLatest(run, out var skipped));

        Assert.Equal(2, run.CompletedEpochs);
        Assert.Equal($"{latest}: SHA-256 mismatch (corrupt or truncated)", skipped);
        Assert.Equal(CheckpointFile.Read(store.Files[0]).Snapshot.Weights, run.Capture().Weights);
        Assert.Equal(bytes, File.ReadAllBytes(Assert.Single(Directory.GetFiles(store.Directory, "epoch-0003.ckpt.*.damaged"))));
    }

    [Theory]
    [InlineData(0.5, "SHA-256 mismatch")]
    [InlineData(0.0, "truncated (0 bytes)")]
    public void TruncatedLatest_IsSkippedWithAReason(double keptShare, string defect)
    {
        var store = TrainedStore(epochs: 3);
        var latest = store.Files[^1];
        using (var stream = File.OpenWrite(latest))
            stream.SetLength((long)(stream.Length * keptShare));
        using var run = new TrainingSession(spec, data);

        Assert.True(store.TryRestoreLatest(run, out var skipped));

        Assert.Equal(2, run.CompletedEpochs);
        Assert.StartsWith($"{latest}: {defect}", skipped);
    }

    [Fact]
    public void NoValidCheckpoint_LeavesTheRunUntouched()
    {
        var store = new CheckpointStore(temp.File("garbage"));
        File.WriteAllText(Path.Combine(store.Directory, "epoch-0005.ckpt"), "this is not a checkpoint at all, just some text long enough to pass the length check");
        using var run = new TrainingSession(spec, data);
        var before = run.Capture();

        Assert.False(store.TryRestoreLatest(run, out var skipped));

        Assert.EndsWith("epoch-0005.ckpt: not a checkpoint (bad magic)", skipped);
        Assert.Equal(0, run.CompletedEpochs);
        Assert.Equal(before.Weights, run.Capture().Weights);
    }

    [Fact]
    public void CheckpointOfAnotherSpec_IsRefused()
    {
        var store = TrainedStore(epochs: 1);
        using var run = new TrainingSession(spec with { LearningRate = 1e-3 }, data);

        var error = Assert.Throws<CheckpointSpecMismatchException>(() => store.TryRestoreLatest(run, out _));

        Assert.Equal($"{store.Files[^1]}: checkpoint of another configuration (learningRate 0.01, not 0.001); refusing to resume from it", error.Message);
        Assert.Equal(0, run.CompletedEpochs);
    }

    [Fact]
    public void ThreadCount_IsNotPartOfTheSpecIdentity()
    {
        var store = TrainedStore(epochs: 1);
        using var run = new TrainingSession(spec with { Threads = 2 }, data);

        Assert.True(store.TryRestoreLatest(run, out _));
        Assert.Equal(1, run.CompletedEpochs);
    }

    [Fact]
    public void Saving_after_a_resume_from_an_earlier_epoch_removes_the_later_damaged_files()
    {
        var store = TrainedStore(epochs: 3);                     // epochs 2 and 3 kept
        File.WriteAllText(store.Files[^1], "damaged");           // epoch 3
        File.WriteAllText(Path.Combine(store.Directory, "epoch-0009.ckpt"), "left by another history");
        using var run = new TrainingSession(spec, data);
        Assert.True(store.TryRestoreLatest(run, out _));
        Assert.Equal(2, run.CompletedEpochs);

        run.RunEpoch(CancellationToken.None);
        store.Save(run);

        // Without the cleanup, epoch 9 would outrank the new epoch 3, and the next save would prune good files.
        Assert.Equal(["epoch-0002.ckpt", "epoch-0003.ckpt"], store.Files.Select(Path.GetFileName));
        using var again = new TrainingSession(spec, data);
        Assert.True(store.TryRestoreLatest(again, out var skipped));
        Assert.Null(skipped);
        Assert.Equal(3, again.CompletedEpochs);
    }

    private CheckpointStore TrainedStore(int epochs) => TrainedStore(epochs, out _);

    private CheckpointStore TrainedStore(int epochs, out CheckpointWrite lastWrite)
    {
        var store = new CheckpointStore(temp.File("store"));
        using var run = new TrainingSession(spec, data);
        lastWrite = null!;
        for (var e = 0; e < epochs; e++)
        {
            run.RunEpoch(CancellationToken.None);
            lastWrite = store.Save(run);
        }
        return store;
    }
}
