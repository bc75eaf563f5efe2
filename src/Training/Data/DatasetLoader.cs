using OrleansSweep.Training.Data.Formats;
using TorchSharp;
using static TorchSharp.torch;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data;

/// <summary>
/// Loads a dataset into memory as tensors: bytes read once, one uint8 tensor per split, converted to float32
/// in [0, 1] and normalised per channel with the statistics of the FULL official training split (so every
/// subset size sees the same input scale; validation never contributes).
/// </summary>
public static class DatasetLoader
{
    /// <param name="subset">N stratified training samples (seeded) and ceil(N * |val| / |train|) validation
    /// samples chosen the same way; null = everything. Validation = the official test split.</param>
    /// <exception cref="DataFormatException">A file is missing, truncated or corrupt.</exception>
    /// <exception cref="ArgumentException">subset is not between 1 and the training split's size.</exception>
    public static DatasetSplit Load(Dataset dataset, string dataDir, int? subset = null, long subsetSeed = 0)
    {
        var (train, test) = dataset == Dataset.Cifar10 ? CifarDataset.Read(dataDir) : IdxDataset.Read(dataDir, dataset);
        if (subset is { } n && (n < 1 || n > train.Count))
            throw new ArgumentException($"subset must be between 1 and {train.Count} (the {dataset.Name} training split's size), got {n}", nameof(subset));

        long[]? trainPick = null, testPick = null;
        if (subset is { } size)
        {
            var testSize = (int)Math.Ceiling((double)size * test.Count / train.Count);
            trainPick = StratifiedSubset.Select(train.Labels, dataset.Classes, size, subsetSeed);
            testPick = StratifiedSubset.Select(test.Labels, dataset.Classes, testSize, ~subsetSeed);   // its own stream
        }
        using var trainBytes = ImageBytes(train);
        var stats = PixelStats.Compute(trainBytes);
        var trainSet = ToTensors(trainBytes, train.Labels, dataset.Classes, stats, trainPick);
        try
        {
            using var testBytes = ImageBytes(test);
            return new DatasetSplit(trainSet, ToTensors(testBytes, test.Labels, dataset.Classes, stats, testPick));
        }
        catch
        {
            trainSet.Dispose();
            throw;
        }
    }

    /// <summary>The split's pixels as ONE uint8 tensor [N, C, H, W] (no per-image tensors).</summary>
    private static Tensor ImageBytes(RawSplit split) =>
        tensor(split.Pixels, [split.Count, split.Channels, split.Height, split.Width]);

    private static TensorDataset ToTensors(Tensor imageBytes, byte[] labelBytes, int classes, ChannelStats stats, long[]? pick)
    {
        using var scope = NewDisposeScope();
        var images = imageBytes;
        Tensor labels = tensor(labelBytes, [labelBytes.Length]);
        if (pick is not null)
        {
            var index = tensor(pick);
            images = images.index_select(0, index);
            labels = labels.index_select(0, index);
        }
        var shape = new long[] { 1, images.shape[1], 1, 1 };
        // A constant channel has std 0; dividing by 1 instead keeps it finite (it only shifts to 0).
        var std = stats.Std.Select(s => s > 0 ? s : 1f).ToArray();
        using var maximum = 255f.ToScalar();   // held, not a temporary (Sessions.KeptScalars)
        var normalised = images.to(ScalarType.Float32).div_(maximum)
            .sub_(tensor(stats.Mean.ToArray()).reshape(shape))
            .div_(tensor(std).reshape(shape));
        return new TensorDataset(normalised, labels.to(ScalarType.Int64), classes, stats);
    }
}
