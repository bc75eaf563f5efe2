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
        var outcome = Trainer.Run(Spec(architecture), data, checkpoints: null, resume: false, null, null, CancellationToken.None);

        Assert.Equal(TrainingStatus.Completed, outcome.Status);
        Assert.Equal(3, outcome.History.Count);
        Assert.True(outcome.History[^1].TrainLoss < outcome.History[0].TrainLoss, "training loss should fall");
        Assert.True(outcome.History[^1].ValAccuracy > 0.25, $"validation accuracy {outcome.History[^1].ValAccuracy} is not well above chance (10%): {string.Join("; ", outcome.History)}");
    }

    [Fact]
    public void A_run_resumed_from_its_checkpoint_matches_an_uninterrupted_one_on_real_data()
    {
        using var data = DatasetLoader.Load(Dataset.FashionMnist, DataDirectories.Default(Dataset.FashionMnist), subset: 600, subsetSeed: 1);
        using var dir = new TempDirectory();
        var spec = Spec("parallel");
        var whole = Trainer.Run(spec, data, null, false, null, null, CancellationToken.None);

        var store = new CheckpointStore(dir.Path);
        using var cancel = new CancellationTokenSource();
        var midEpoch2 = new SyncProgress<BatchProgress>(p => { if (p is { Epoch: 2, Batch: 4 }) cancel.Cancel(); });
        var first = Trainer.Run(spec, data, store, false, null, midEpoch2, cancel.Token);
        Assert.Equal((TrainingStatus.Cancelled, 1), (first.Status, first.History.Count));
        var resumed = Trainer.Run(spec, data, store, resume: true, null, null, CancellationToken.None);

        Assert.Equal(TrainingStatus.Completed, resumed.Status);
        Assert.Equal(whole.History.Select(h => (h.TrainLoss, h.ValLoss, h.ValAccuracy)), resumed.History.Select(h => (h.TrainLoss, h.ValLoss, h.ValAccuracy)));
    }
}
