using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Tests.Sessions;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;
using static TorchSharp.torch;

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
    public void InterruptedAndResumedSession_EndsBitIdenticalToAnUninterruptedOne(Optimizer optimizer)
    {
        var spec = Specs.Training(epochs: 4, optimizer: optimizer, batchNorm: true);
        var straightStore = new CheckpointStore(temp.File("straight"));
        var resumedStore = new CheckpointStore(temp.File("resumed"));
        using var straight = TrainingSession.Open(spec, data, TrainingDevice.Cpu, straightStore);
        Assert.True(straight.RunToEnd(null, null, CancellationToken.None));

        using var cts = new CancellationTokenSource();
        var cancelMidEpochThree = new SyncProgress<BatchProgress>(p => { if (p is { Epoch: 3, Batch: 4 }) cts.Cancel(); });
        using (var cancelled = TrainingSession.Open(spec, data, TrainingDevice.Cpu, resumedStore))
        {
            Assert.False(cancelled.RunToEnd(null, cancelMidEpochThree, cts.Token));
            Assert.Equal(2, cancelled.History.Count);
        }
        var epochsSeenAfterResume = new List<int>();
        using var resumed = TrainingSession.Open(spec, data, TrainingDevice.Cpu, resumedStore);
        Assert.True(resumed.RunToEnd(m => epochsSeenAfterResume.Add(m.Epoch), null, CancellationToken.None));

        Assert.Equal([3, 4], epochsSeenAfterResume);
        Assert.Equal(Losses(straight), Losses(resumed));
        Assert.Equal(straight.Parameters, resumed.Parameters);
        using var straightFinal = TrainingSession.Open(spec, data, TrainingDevice.Cpu, straightStore);
        using var resumedFinal = TrainingSession.Open(spec, data, TrainingDevice.Cpu, resumedStore);
        Assert.Equal(4, resumedFinal.CompletedEpochs);
        TorchAssert.StateDictsEqual(straightFinal.Model, resumedFinal.Model);
        Assert.Equal(straightFinal.Capture().OptimizerState, resumedFinal.Capture().OptimizerState);
    }

    [Fact]
    public void CompletedSession_ReopensFinishedWithoutTraining()
    {
        var spec = Specs.Training(epochs: 2);
        var store = new CheckpointStore(temp.File("done"));
        using var first = TrainingSession.Open(spec, data, TrainingDevice.Cpu, store);
        first.RunToEnd(null, null, CancellationToken.None);
        var batches = 0;

        using var again = TrainingSession.Open(spec, data, TrainingDevice.Cpu, store);
        Assert.True(again.RunToEnd(null, new SyncProgress<BatchProgress>(_ => batches++), CancellationToken.None));

        Assert.True(again.IsFinished);
        Assert.Equal(0, batches);
        Assert.Equal(Losses(first), Losses(again));
    }

    [Fact]
    public void RaisingTheEpochs_ContinuesAFinishedSessionFromItsLastEpoch()
    {
        var store = new CheckpointStore(temp.File("raise"));
        using var straight = new TrainingSession(Specs.Training(epochs: 3), data);
        straight.RunToEnd(null, null, CancellationToken.None);
        using (var two = TrainingSession.Open(Specs.Training(epochs: 2), data, TrainingDevice.Cpu, store))
            two.RunToEnd(null, null, CancellationToken.None);

        var epochs = new List<int>();
        using var three = TrainingSession.Open(Specs.Training(epochs: 3), data, TrainingDevice.Cpu, store);
        three.RunToEnd(m => epochs.Add(m.Epoch), null, CancellationToken.None);

        Assert.Equal([3], epochs);
        Assert.Equal(Losses(straight), Losses(three));
    }

    [Fact]
    public void Divergence_EndsDivergedAtItsEpoch_AndIsCheckpointedSoAReopenedSessionIsOver()
    {
        var spec = Specs.Training(epochs: 3, optimizer: Optimizer.Sgd, learningRate: 1e6);
        var store = new CheckpointStore(temp.File("diverged"));

        using var session = TrainingSession.Open(spec, data, TrainingDevice.Cpu, store);
        Assert.True(session.RunToEnd(null, null, CancellationToken.None));

        Assert.True(session.IsDiverged);
        Assert.Single(session.History);
        Assert.False(double.IsFinite(session.History[0].TrainLoss));
        Assert.True(double.IsNaN(session.History[0].TrainLossEval));
        Assert.Single(store.Files);
        using var reopened = TrainingSession.Open(spec, data, TrainingDevice.Cpu, store);
        Assert.True(reopened.IsDiverged && reopened.IsFinished);
    }

    [Fact]
    public void ACheckpointOfAnotherConfiguration_IsRefusedNamingTheFieldsThatDiffer()
    {
        var store = new CheckpointStore(temp.File("other"));
        using (var session = TrainingSession.Open(Specs.Training(epochs: 1), data, TrainingDevice.Cpu, store))
            session.RunToEnd(null, null, CancellationToken.None);

        var error = Assert.Throws<CheckpointSpecMismatchException>(() =>
            TrainingSession.Open(Specs.Training(epochs: 1, learningRate: 0.5, batchSize: 7), data, TrainingDevice.Cpu, store));

        Assert.DoesNotContain('\n', error.Message);
        Assert.EndsWith("checkpoint of another configuration (learningRate 0.01, not 0.5, batchSize 64, not 7); refusing to resume from it",
            error.Message);
    }

    private static (double, double, double, double, double)[] Losses(TrainingSession session) =>
        session.History.Select(m => (m.TrainLoss, m.TrainAccuracy, m.ValLoss, m.ValAccuracy, m.TrainLossEval)).ToArray();
}
