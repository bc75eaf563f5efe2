using OrleansSweep.Training.Data;
using OrleansSweep.Training.Tests.Data.Fixtures;
using TorchSharp;
using static OrleansSweep.Training.Tests.Data.Fixtures.TensorValues;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Data;

public sealed class IdxLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Loads_idx_files_with_their_shapes_labels_and_pixels(bool gzip)
    {
        var written = SyntheticMnist.Write(_dir.Path, train: 60, test: 20, height: 6, width: 5, gzip: gzip);

        using var data = DatasetLoader.Load(Dataset.Mnist, _dir.Path);

        foreach (var (set, expected) in new[] { (data.Train, written.Train), (data.Validation, written.Test) })
        {
            Assert.Equal([expected.Count, 1, 6, 5], set.Images.shape);
            Assert.Equal((expected.Count, 1, 6, 5, 10), (set.Count, set.Channels, set.Height, set.Width, set.Classes));
            Assert.Equal(torch.ScalarType.Float32, set.Images.dtype);
            Assert.Equal(torch.ScalarType.Int64, set.Labels.dtype);
            Assert.Equal(expected.Labels.Select(l => (long)l), Longs(set.Labels));
            var raw = RawPixels(set);
            for (var i = 0; i < raw.Length; i++)
                Assert.Equal(expected.Pixels[i], raw[i], 2);
        }
    }

    [Fact]
    public void Prefers_gzip_files_when_raw_ones_exist_too()
    {
        var gz = SyntheticMnist.Write(_dir.Path, gzip: true, salt: 0);
        SyntheticMnist.Write(_dir.Path, gzip: false, salt: 50);   // different pixels in the raw files

        using var data = DatasetLoader.Load(Dataset.Mnist, _dir.Path);

        Assert.Equal(gz.Train.Pixels.Select(p => (double)p), RawPixels(data.Train).Select(v => Math.Round(v)));
    }

    [Fact]
    public void Normalises_per_channel_with_training_statistics_for_both_splits()
    {
        var written = SyntheticMnist.Write(_dir.Path);

        using var data = DatasetLoader.Load(Dataset.Mnist, _dir.Path);

        var train = Floats(data.Train.Images);
        Assert.Equal(0, train.Average(), 4);
        Assert.Equal(1, Math.Sqrt(train.Average(v => v * (double)v)), 4);
        var mean = written.Train.Pixels.Average(p => p / 255.0);
        var std = Math.Sqrt(written.Train.Pixels.Average(p => Math.Pow(p / 255.0 - mean, 2)));
        Assert.Equal(data.Train.Normalization, data.Validation.Normalization);
        var firstValidation = Floats(data.Validation.Images)[0];
        Assert.Equal((written.Test.Pixels[0] / 255.0 - mean) / std, firstValidation, 4);
    }

    [Fact]
    public void Keeps_tensors_alive_after_the_callers_dispose_scope_ends()
    {
        SyntheticMnist.Write(_dir.Path);
        DatasetSplit data;
        using (torch.NewDisposeScope())
            data = DatasetLoader.Load(Dataset.Mnist, _dir.Path);

        using (data)
        {
            Assert.False(data.Train.Images.IsInvalid);
            Assert.Equal(60, data.Train.Labels.shape[0]);
            Assert.True(float.IsFinite(data.Train.Images.sum().item<float>()));
        }
        Assert.True(data.Train.Images.IsInvalid);
    }
}
