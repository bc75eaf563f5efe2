using OrleansSweep.Grains.Specs;
using OrleansSweep.Training.Vocabulary;
using OrleansSweep.Training.Data;

namespace OrleansSweep.Grains.Tests.Specs;

public sealed class DataFilesCheckTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("spec-data-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Idx_files_count_with_or_without_gz()
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "mnist")).FullName;
        Touch(dir, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte.gz");

        Assert.Equal(["t10k-labels-idx1-ubyte(.gz)"], DatasetPresence.Missing(Dataset.Mnist, dir));
        Touch(dir, "t10k-labels-idx1-ubyte.gz");
        Assert.Empty(DatasetPresence.Missing(Dataset.Mnist, dir));
    }

    [Fact]
    public void Cifar_counts_as_the_binary_batches_or_the_archive()
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "cifar10")).FullName;
        var batches = Directory.CreateDirectory(Path.Combine(dir, "cifar-10-batches-bin")).FullName;
        Touch(batches, "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");

        Assert.NotEmpty(DatasetPresence.Missing(Dataset.Cifar10, dir));
        Touch(batches, "test_batch.bin");
        Assert.Empty(DatasetPresence.Missing(Dataset.Cifar10, dir));
        Assert.Empty(DatasetPresence.Missing(Dataset.Cifar10, Touch(Directory.CreateDirectory(Path.Combine(root, "c2")).FullName, "cifar-10-binary.tar.gz")));
    }

    [Fact]
    public void The_error_names_the_setting_that_chose_the_folder()
    {
        var yaml = $"""
            name: d
            data:
              root: {root}
              dirs:
                fashion-mnist: /usr/share/datasets/fashion-mnist
            factors:
              dataset: [fashion-mnist, mnist]
            """;

        var result = SweepSpecParser.Parse(yaml, check: new DataFilesCheck(_ => throw new InvalidOperationException("unused")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("data.root", error.Path);
        Assert.Contains($"mnist files missing in {Path.Combine(root, "mnist")}", error.Reason);
        Assert.Equal(3, error.Line);
    }

    private static string Touch(string dir, params string[] files)
    {
        foreach (var file in files)
            File.WriteAllBytes(Path.Combine(dir, file), [1]);
        return dir;
    }
}
