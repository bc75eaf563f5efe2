using System.Text.Json;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Vocabulary;

public sealed class DatasetTests
{
    [Theory]
    [InlineData("mnist", 60_000, 10_000, 1, 28, 10)]
    [InlineData("fashion-mnist", 60_000, 10_000, 1, 28, 10)]
    [InlineData("cifar10", 50_000, 10_000, 3, 32, 10)]
    public void Each_dataset_knows_its_official_sizes_and_shape(string name, int train, int test, int channels, int side, int classes)
    {
        Assert.True(Dataset.TryParse(name.ToUpperInvariant(), out var dataset));
        Assert.Equal(name, dataset.Name);
        Assert.Equal((train, test, channels, side, side, classes),
            (dataset.TrainSize, dataset.TestSize, dataset.Channels, dataset.Height, dataset.Width, dataset.Classes));
        Assert.Same(dataset, Dataset.Parse(name));
    }

    [Theory]
    [InlineData("cifar100")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_are_rejected(string? name)
    {
        Assert.False(Dataset.TryParse(name, out _));
        var error = Assert.Throws<ArgumentException>(() => Dataset.Parse(name ?? ""));
        Assert.Equal($"dataset: unknown '{name}' (known: mnist, fashion-mnist, cifar10)", error.Message);
    }

    [Fact]
    public void Training_samples_are_the_subset_when_one_is_drawn()
    {
        Assert.Equal(60_000, Dataset.FashionMnist.TrainingSamples(null));
        Assert.Equal(5_000, Dataset.FashionMnist.TrainingSamples(5_000));
    }

    [Fact]
    public void Json_is_the_name_and_reads_back_the_same_instance()
    {
        var json = JsonSerializer.Serialize(new Dictionary<Dataset, Dataset> { [Dataset.Cifar10] = Dataset.Mnist });

        Assert.Equal("{\"cifar10\":\"mnist\"}", json);
        var back = JsonSerializer.Deserialize<Dictionary<Dataset, Dataset>>(json)!;
        Assert.Same(Dataset.Mnist, back[Dataset.Cifar10]);
    }

    [Fact]
    public void Default_directories()
    {
        Assert.Equal("/usr/share/datasets/fashion-mnist", DataDirectories.Default(Dataset.FashionMnist));
        Assert.Equal(Path.Combine(".", "data", "fashion-mnist"), DataDirectories.Default(Dataset.FashionMnist, "/no/such/dir"));
        Assert.Equal(Path.Combine(".", "data", "mnist"), DataDirectories.Default(Dataset.Mnist));
        Assert.Equal(Path.Combine(".", "data", "cifar10"), DataDirectories.Default(Dataset.Cifar10));
    }
}
