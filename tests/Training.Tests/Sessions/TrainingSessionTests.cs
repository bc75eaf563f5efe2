using OrleansSweep.Training.Data;
using TorchSharp;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Sessions;

[Collection(TorchCollection.Name)]
public sealed class TrainingSessionTests : IDisposable
{
    private readonly DatasetSplit data = SyntheticData.Create();

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData(Optimizer.Adam, 1e-2)]
    [InlineData(Optimizer.AdamW, 1e-2)]
    [InlineData(Optimizer.Sgd, 5e-2)]
    public void Training_LearnsTheSyntheticTask(Optimizer optimizer, double learningRate)
    {
        using var run = new TrainingSession(Specs.Training(optimizer: optimizer, learningRate: learningRate), data);

        var first = run.RunEpoch(CancellationToken.None);
        run.RunEpoch(CancellationToken.None);
        var third = run.RunEpoch(CancellationToken.None);

        Assert.Equal([1, 2, 3], run.History.Select(m => m.Epoch));
        Assert.True(third.TrainLoss < first.TrainLoss, $"train loss {first.TrainLoss} -> {third.TrainLoss}");
        Assert.True(third.ValAccuracy > 0.6, $"validation accuracy {third.ValAccuracy} (chance is 1/3)");
        Assert.InRange(third.TrainAccuracy, 0, 1);
        Assert.True(third.Seconds > 0 && third.SamplesPerSecond > 0);
        Assert.False(run.IsDiverged);
    }

    [Fact]
    public void RunningPastTheLastEpoch_IsRefused()
    {
        using var run = new TrainingSession(Specs.Training(epochs: 1), data);
        run.RunEpoch(CancellationToken.None);

        var error = Assert.Throws<InvalidOperationException>(() => run.RunEpoch(CancellationToken.None));

        Assert.Equal("training: all 1 epochs are already completed", error.Message);
        Assert.Equal(1, run.CompletedEpochs);
    }

    [Fact]
    public void Progress_ReportsEveryBatchOfTheEpoch()
    {
        using var run = new TrainingSession(Specs.Training(batchSize: 100), data);
        var reports = new List<BatchProgress>();

        run.RunEpoch(CancellationToken.None, new SyncProgress<BatchProgress>(reports.Add));

        // 512 samples in batches of 100: five full batches and a last one of 12.
        Assert.Equal(Enumerable.Range(1, 6).Select(b => new BatchProgress(1, b, 6)), reports);
    }

    [Fact]
    public void CancelledEpoch_RollsBackAndReplaysBitIdentically()
    {
        using var uninterrupted = new TrainingSession(Specs.Training(), data);
        uninterrupted.RunEpoch(CancellationToken.None);
        var expected = uninterrupted.RunEpoch(CancellationToken.None);

        using var interrupted = new TrainingSession(Specs.Training(), data);
        interrupted.RunEpoch(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var cancelAfterThird = new SyncProgress<BatchProgress>(p => { if (p.Batch == 3) cts.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => interrupted.RunEpoch(cts.Token, cancelAfterThird));
        Assert.Equal(1, interrupted.CompletedEpochs);
        var replayed = interrupted.RunEpoch(CancellationToken.None);

        Assert.Equal(expected.TrainLoss, replayed.TrainLoss);
        Assert.Equal(expected.ValLoss, replayed.ValLoss);
        Assert.Equal(expected.TrainAccuracy, replayed.TrainAccuracy);
        TorchAssert.StateDictsEqual(uninterrupted.Model, interrupted.Model);
    }

    [Fact]
    public void HugeLearningRate_DivergesWithNaNMetrics()
    {
        using var run = new TrainingSession(Specs.Training(optimizer: Optimizer.Sgd, learningRate: 1e6), data);

        var metrics = run.RunEpoch(CancellationToken.None);

        Assert.True(run.IsDiverged);
        Assert.False(double.IsFinite(metrics.TrainLoss));
        Assert.True(double.IsNaN(metrics.ValLoss));
        Assert.Throws<InvalidOperationException>(() => run.RunEpoch(CancellationToken.None));
    }

    [Fact]
    public void Memory_StaysFlatAcrossEpochs()
    {
        using var run = new TrainingSession(Specs.Training(), data);
        run.RunEpoch(CancellationToken.None);
        var statistics = DisposeScopeManager.Statistics;

        var afterFirst = statistics.ThreadTotalLiveCount;
        run.RunEpoch(CancellationToken.None);
        run.RunEpoch(CancellationToken.None);
        var afterThird = statistics.ThreadTotalLiveCount;

        Assert.Equal(afterFirst, afterThird);
    }

    [Fact]
    public void Threads_AreAppliedToTheTrainingThread()
    {
        var before = torch.get_num_threads();
        try
        {
            torch.set_num_threads(3);
            using var run = new TrainingSession(Specs.Training() with { Threads = 1 }, data);
            run.RunEpoch(CancellationToken.None);
            Assert.Equal(1, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Fact]
    public void MismatchedData_IsRejectedNamingTheField()
    {
        var spec = Specs.Training();
        var error = Assert.Throws<ArgumentException>(
            () => new TrainingSession(spec with { Model = spec.Model with { InChannels = 3 } }, data));

        Assert.StartsWith("model.inChannels: 3", error.Message);
    }
}
