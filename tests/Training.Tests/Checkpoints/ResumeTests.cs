using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Tests.Sessions;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Checkpoints;

/// <summary>The product's promise: an interrupted trial, resumed from its checkpoint, ends bit-identical.</summary>
[Collection(TorchCollection.Name)]
public sealed class ResumeTests : IDisposable
{
    private readonly DatasetSplit data = SyntheticData.Create();
    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        data.Dispose();
        temp.Dispose();
    }

    [Theory]
    [InlineData(Optimizer.Adam)]
    [InlineData(Optimizer.Sgd)]
    public void InterruptedAndResumedRun_EndsBitIdenticalToAnUninterruptedOne(Optimizer optimizer)
    {
        var spec = Specs.Training(epochs: 4, optimizer: optimizer, batchNorm: true);
        var straightStore = new CheckpointStore(temp.File("straight"));
        var resumedStore = new CheckpointStore(temp.File("resumed"));
        var straight = Trainer.Run(spec, data, straightStore, resume: false, null, null, CancellationToken.None);

        using var cts = new CancellationTokenSource();
        var cancelMidEpochThree = new SyncProgress<BatchProgress>(p => { if (p is { Epoch: 3, Batch: 4 }) cts.Cancel(); });
        var cancelled = Trainer.Run(spec, data, resumedStore, resume: false, null, cancelMidEpochThree, cts.Token);
        var epochsSeenAfterResume = new List<int>();
        var resumed = Trainer.Run(spec, data, resumedStore, resume: true, m => epochsSeenAfterResume.Add(m.Epoch), null,
            CancellationToken.None);

        Assert.Equal(TrainingStatus.Cancelled, cancelled.Status);
        Assert.Equal(2, cancelled.History.Count);
        Assert.Equal([3, 4], epochsSeenAfterResume);
        Assert.Equal(TrainingStatus.Completed, straight.Status);
        Assert.Equal(TrainingStatus.Completed, resumed.Status);
        Assert.Equal(Losses(straight), Losses(resumed));
        Assert.Equal(straight.Parameters, resumed.Parameters);
        using var straightFinal = Restored(spec, straightStore);
        using var resumedFinal = Restored(spec, resumedStore);
        Assert.Equal(4, resumedFinal.CompletedEpochs);
        TorchAssert.StateDictsEqual(straightFinal.Model, resumedFinal.Model);
        Assert.Equal(straightFinal.Capture().OptimizerState, resumedFinal.Capture().OptimizerState);
    }

    [Fact]
    public void CompletedRun_ResumesToCompletedWithoutTraining()
    {
        var spec = Specs.Training(epochs: 2);
        var store = new CheckpointStore(temp.File("done"));
        var first = Trainer.Run(spec, data, store, resume: false, null, null, CancellationToken.None);
        var batches = 0;

        var again = Trainer.Run(spec, data, store, resume: true, null, new SyncProgress<BatchProgress>(_ => batches++),
            CancellationToken.None);

        Assert.Equal(TrainingStatus.Completed, again.Status);
        Assert.Equal(0, batches);
        Assert.Equal(Losses(first), Losses(again));
    }

    [Fact]
    public void Divergence_EndsDivergedAtItsEpochWithoutACheckpoint()
    {
        var spec = Specs.Training(epochs: 3, optimizer: Optimizer.Sgd, learningRate: 1e6);
        var store = new CheckpointStore(temp.File("diverged"));

        var outcome = Trainer.Run(spec, data, store, resume: false, null, null, CancellationToken.None);

        Assert.Equal(TrainingStatus.Diverged, outcome.Status);
        Assert.Equal(1, outcome.DivergedAtEpoch);
        Assert.Single(outcome.History);
        Assert.False(double.IsFinite(outcome.History[0].TrainLoss));
        Assert.Empty(store.Files);
    }

    private static (double, double, double, double)[] Losses(TrainingOutcome outcome) =>
        outcome.History.Select(m => (m.TrainLoss, m.TrainAccuracy, m.ValLoss, m.ValAccuracy)).ToArray();

    private TrainingRun Restored(TrainingSpec spec, CheckpointStore store)
    {
        var run = new TrainingRun(spec, data);
        Assert.True(store.TryRestoreLatest(run, out var skipped));
        Assert.Null(skipped);
        return run;
    }
}
