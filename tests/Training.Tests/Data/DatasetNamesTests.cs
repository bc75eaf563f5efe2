using OrleansSweep.Training.Data;

namespace OrleansSweep.Training.Tests.Data;

public sealed class DatasetNamesTests
{
    [Theory]
    [InlineData(DatasetKind.Mnist, "mnist")]
    [InlineData(DatasetKind.FashionMnist, "fashion-mnist")]
    [InlineData(DatasetKind.Cifar10, "cifar10")]
    public void Cli_names_round_trip(DatasetKind kind, string name)
    {
        Assert.Equal(name, DatasetNames.ToCliName(kind));
        Assert.True(DatasetNames.TryParse(name.ToUpperInvariant(), out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData("cifar100")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_are_rejected(string? name) => Assert.False(DatasetNames.TryParse(name, out _));

    [Fact]
    public void Default_directories()
    {
        Assert.Equal("/usr/share/datasets/fashion-mnist", DataDirectories.Default(DatasetKind.FashionMnist));
        Assert.Equal(Path.Combine(".", "data", "fashion-mnist"), DataDirectories.Default(DatasetKind.FashionMnist, "/no/such/dir"));
        Assert.Equal(Path.Combine(".", "data", "mnist"), DataDirectories.Default(DatasetKind.Mnist));
        Assert.Equal(Path.Combine(".", "data", "cifar10"), DataDirectories.Default(DatasetKind.Cifar10));
    }
}
