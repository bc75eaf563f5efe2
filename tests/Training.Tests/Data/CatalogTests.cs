using OrleansSweep.Training.Data;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Data;

public sealed class CatalogTests
{
    [Theory]
    [InlineData("mnist", 4, "https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz")]
    [InlineData("fashion-mnist", 4, "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz")]
    [InlineData("cifar10", 1, "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")]
    public void Official_entries_have_urls_sizes_and_published_hashes(string dataset, int files, string firstUrl)
    {
        var entry = DatasetCatalog.Official[Dataset.Parse(dataset)];

        Assert.Equal(files, entry.Files.Count);
        Assert.Equal(firstUrl, DatasetCatalogEntry.UrlOf(entry.Mirrors[0], entry.Files[0]).AbsoluteUri);
        Assert.All(entry.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.All(entry.Files, f => Assert.True(f.Size > 0));
    }

    [Fact]
    public void Mirrors_can_be_replaced_for_one_dataset_only()
    {
        var local = new Uri("http://127.0.0.1:8080/mnist");

        var catalog = DatasetCatalog.Official.WithMirrors(Dataset.Mnist, [local]);

        Assert.Equal("http://127.0.0.1:8080/mnist/t10k-labels-idx1-ubyte.gz",
            DatasetCatalogEntry.UrlOf(catalog[Dataset.Mnist].Mirrors.Single(), catalog[Dataset.Mnist].Files[3]).AbsoluteUri);
        Assert.Equal(DatasetCatalog.Official[Dataset.Mnist].Files, catalog[Dataset.Mnist].Files);
        Assert.Same(DatasetCatalog.Official[Dataset.Cifar10], catalog[Dataset.Cifar10]);
        Assert.Throws<ArgumentException>(() => DatasetCatalog.Official.WithMirrors(Dataset.Mnist, []));
    }
}
