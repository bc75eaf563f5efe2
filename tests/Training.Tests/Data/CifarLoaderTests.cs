using OrleansSweep.Training.Data;
using OrleansSweep.Training.Tests.Data.Fixtures;
using static OrleansSweep.Training.Tests.Data.Fixtures.TensorValues;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Data;

public sealed class CifarLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SyntheticSplit _train;
    private readonly SyntheticSplit _test;
    private readonly Dictionary<string, byte[]> _batches;

    public CifarLoaderTests()
    {
        (_train, _test) = CifarWriter.Create(perBatch: 4, test: 6);
        _batches = CifarWriter.Batches(_train, _test);
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("folder")]
    [InlineData("archive")]
    [InlineData("batches-in-directory")]
    public void Loads_all_batches_in_order_with_rgb_planes(string layout)
    {
        switch (layout)
        {
            case "folder": CifarWriter.WriteFolder(_dir.File("cifar-10-batches-bin"), _batches); break;
            case "archive": CifarWriter.WriteArchive(_dir.File("cifar-10-binary.tar.gz"), _batches); break;
            default: CifarWriter.WriteFolder(_dir.Path, _batches); break;
        }

        using var data = DatasetLoader.Load(Dataset.Cifar10, _dir.Path);

        Assert.Equal([20, 3, 32, 32], data.Train.Images.shape);
        Assert.Equal([6, 3, 32, 32], data.Validation.Images.shape);
        Assert.Equal(_train.Labels.Select(l => (long)l), Longs(data.Train.Labels));
        Assert.Equal(_test.Labels.Select(l => (long)l), Longs(data.Validation.Labels));
        var raw = RawPixels(data.Train);
        foreach (var (image, channel, row, col) in new[] { (0, 0, 0, 0), (5, 1, 7, 31), (19, 2, 31, 3), (13, 2, 16, 16) })
            Assert.Equal(_train.Pixel(image, channel, row, col), raw[((image * 3 + channel) * 32 + row) * 32 + col], 2);
    }

    [Fact]
    public void Normalises_each_of_the_three_channels_separately()
    {
        CifarWriter.WriteFolder(_dir.File("cifar-10-batches-bin"), _batches);

        using var data = DatasetLoader.Load(Dataset.Cifar10, _dir.Path);

        var perChannel = data.Train.Images.transpose(0, 1).reshape(3, -1);
        Assert.All(Floats(perChannel.mean([1])), m => Assert.Equal(0, m, 4));
        Assert.All(Floats(perChannel.std([1], unbiased: false)), s => Assert.Equal(1, s, 3));
        Assert.Equal(3, data.Train.Normalization!.Mean.Count);
    }
}
