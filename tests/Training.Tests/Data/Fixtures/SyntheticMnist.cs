namespace OrleansSweep.Training.Tests.Data.Fixtures;

/// <summary>A tiny MNIST-format dataset on disk (the four IDX files) with known contents.</summary>
public sealed record SyntheticMnist(SyntheticSplit Train, SyntheticSplit Test)
{
    public static readonly string[] FileNames =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <param name="gzip">Write "name.gz" files, else raw "name" files.</param>
    public static SyntheticMnist Write(string directory, int train = 60, int test = 20, int height = 6, int width = 5,
        bool gzip = true, Func<int, byte>? trainLabel = null, int salt = 0)
    {
        var data = new SyntheticMnist(
            SyntheticSplit.Create(train, 1, height, width, salt + 1, trainLabel),
            SyntheticSplit.Create(test, 1, height, width, salt + 2));
        var suffix = gzip ? ".gz" : "";
        foreach (var (prefix, split) in new[] { ("train", data.Train), ("t10k", data.Test) })
        {
            IdxWriter.WriteImages(Path.Combine(directory, $"{prefix}-images-idx3-ubyte{suffix}"), split.Pixels, split.Count, height, width);
            IdxWriter.WriteLabels(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte{suffix}"), split.Labels);
        }
        return data;
    }
}
