using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using OrleansSweep.Training.Tests.Checkpoints;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Sessions;

/// <summary>The trainer on real data: Fashion-MNIST as installed by the bootstrap (a stratified subset).</summary>
[Collection(TorchCollection.Name)]
public sealed class FashionMnistTrainingTests
{
    private static TrainingSpec Spec(string architecture) => new(
        new ModelSpec(1, 10, Layers: 2, Filters: 8, Kernel: 3, Activation.Relu, BatchNorm: true, Architecture.Parse(architecture)),
        Optimizer.Adam, LearningRate: 1e-2, BatchSize: 64, Epochs: 3, Seed: 5, Threads: 1);

    [Theory]
    [InlineData("sequential")]
    [InlineData("parallel")]
    // A 3-epoch run of a GAP-headed net on 1,200 images is far from converged (~35%), but clearly learning.
    public void Both_architectures_learn_real_fashion_mnist(string architecture)
    {
        using var data = DatasetLoader.Load(Dataset.FashionMnist, DataDirectories.Default(Dataset.FashionMnist), subset: 1200, subsetSeed: 1);
        using var outcome = new TrainingSession(Spec(architecture), data);
        Assert.True(outcome.RunToEnd(null, null, CancellationToken.None));

        Assert.False(outcome.IsDiverged);
        Assert.Equal(3, outcome.History.Count);
        // The evaluated training loss is the trained model's: lower than the running mean of a falling epoch.
        Assert.True(outcome.History[^1].TrainLossEval < outcome.History[^1].TrainLoss, string.Join("; ", outcome.History));
        Assert.True(outcome.History[^1].TrainLoss < outcome.History[0].TrainLoss, "training loss should fall");
        Assert.True(outcome.History[^1].ValAccuracy > 0.25, $"validation accuracy {outcome.History[^1].ValAccuracy} is not well above chance (10%): {string.Join("; ", outcome.History)}");
    }

    [Fact]
    public void A_run_resumed_from_its_checkpoint_matches_an_uninterrupted_one_on_real_data()
    {
        using var data = DatasetLoader.Load(Dataset.FashionMnist, DataDirectories.Default(Dataset.FashionMnist), subset: 600, subsetSeed: 1);
        using var dir = new TempDirectory();
        var spec = Spec("parallel");
        using var whole = new TrainingSession(spec, data);
        whole.RunToEnd(null, null, CancellationToken.None);

        var store = new CheckpointStore(dir.Path);
        using var cancel = new CancellationTokenSource();
        var midEpoch2 = new SyncProgress<BatchProgress>(p => { if (p is { Epoch: 2, Batch: 4 }) cancel.Cancel(); });
        using (var first = TrainingSession.Open(spec, data, TrainingDevice.Cpu, store))
        {
            Assert.False(first.RunToEnd(null, midEpoch2, cancel.Token));
            Assert.Single(first.History);
        }
        using var resumed = TrainingSession.Open(spec, data, TrainingDevice.Cpu, store);
        Assert.True(resumed.RunToEnd(null, null, CancellationToken.None));

        Assert.Equal(whole.History.Select(h => (h.TrainLoss, h.ValLoss, h.ValAccuracy, h.TrainLossEval)),
            resumed.History.Select(h => (h.TrainLoss, h.ValLoss, h.ValAccuracy, h.TrainLossEval)));
    }
}
