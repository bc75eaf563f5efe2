using OrleansSweep.Training.Data;
using static OrleansSweep.Training.Tests.Data.Fixtures.TensorValues;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Data;

/// <summary>The real Fashion-MNIST from Debian's dataset-fashion-mnist package.</summary>
public sealed class FashionMnistTests
{
    private const string Directory = DataDirectories.SystemFashionMnist;

    [Fact]
    public void Loads_the_full_dataset_normalised()
    {
        using var data = DatasetLoader.Load(Dataset.FashionMnist, Directory);

        Assert.Equal((60000, 1, 28, 28, 10), (data.Train.Count, data.Train.Channels, data.Train.Height, data.Train.Width, data.Train.Classes));
        Assert.Equal([10000, 1, 28, 28], data.Validation.Images.shape);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6000, Longs(data.Train.Labels).Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, Longs(data.Validation.Labels).Count(l => l == c)));
        Assert.Equal(0, data.Train.Images.mean().item<float>(), 3);
        Assert.Equal(1, data.Train.Images.std(unbiased: false).item<float>(), 3);
        // The validation split uses the training statistics, so it is close to, not exactly, standardised.
        Assert.InRange(data.Validation.Images.mean().item<float>(), -0.05, 0.05);
        Assert.InRange(data.Train.Normalization!.Mean[0], 0.28f, 0.30f);   // Fashion-MNIST's known mean, 0.286
    }

    [Fact]
    public void Subset_of_the_real_data_is_balanced()
    {
        using var data = DatasetLoader.Load(Dataset.FashionMnist, Directory, subset: 1000, subsetSeed: 42);

        Assert.Equal(1000, data.Train.Count);
        Assert.Equal(167, data.Validation.Count);   // ceil(1000 * 10000 / 60000)
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(100, Longs(data.Train.Labels).Count(l => l == c)));
    }

    [Fact]
    public void Verifier_finds_the_system_copy_well_formed()
    {
        var checks = new DatasetVerifier().Verify(Dataset.FashionMnist, Directory);

        Assert.Equal(4, checks.Count);
        // Debian re-gzips the files: same contents, other bytes, so a checksum mismatch (not corruption) is expected.
        Assert.All(checks, c => Assert.Contains(c.Status, new[] { FileCheckStatus.Ok, FileCheckStatus.ChecksumMismatch }));
        Assert.Contains("60000 images of 28x28", checks.Single(c => c.Path.EndsWith("train-images-idx3-ubyte.gz")).Detail);
        Assert.Contains("10000 labels", checks.Single(c => c.Path.EndsWith("t10k-labels-idx1-ubyte.gz")).Detail);
    }
}
