using OrleansSweep.Training.Data;

namespace OrleansSweep.Training.Tests.Data;

public sealed class CatalogTests
{
    [Theory]
    [InlineData(DatasetKind.Mnist, 4, "https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz")]
    [InlineData(DatasetKind.FashionMnist, 4, "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz")]
    [InlineData(DatasetKind.Cifar10, 1, "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")]
    public void Official_entries_have_urls_sizes_and_published_hashes(DatasetKind kind, int files, string firstUrl)
    {
        var entry = DatasetCatalog.Official[kind];

        Assert.Equal(files, entry.Files.Count);
        Assert.Equal(firstUrl, DatasetCatalogEntry.UrlOf(entry.Mirrors[0], entry.Files[0]).AbsoluteUri);
        Assert.All(entry.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.All(entry.Files, f => Assert.True(f.Size > 0));
    }

    [Fact]
    public void Mirrors_can_be_replaced_for_one_dataset_only()
    {
        var local = new Uri("http://127.0.0.1:8080/mnist");

        var catalog = DatasetCatalog.Official.WithMirrors(DatasetKind.Mnist, [local]);

        Assert.Equal("http://127.0.0.1:8080/mnist/t10k-labels-idx1-ubyte.gz",
            DatasetCatalogEntry.UrlOf(catalog[DatasetKind.Mnist].Mirrors.Single(), catalog[DatasetKind.Mnist].Files[3]).AbsoluteUri);
        Assert.Equal(DatasetCatalog.Official[DatasetKind.Mnist].Files, catalog[DatasetKind.Mnist].Files);
        Assert.Same(DatasetCatalog.Official[DatasetKind.Cifar10], catalog[DatasetKind.Cifar10]);
        Assert.Throws<ArgumentException>(() => DatasetCatalog.Official.WithMirrors(DatasetKind.Mnist, []));
    }
}
