using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data.Formats;

/// <summary>MNIST-style datasets: four IDX files, each ".gz" or raw (".gz" preferred when both exist).</summary>
internal static class IdxDataset
{
    public static readonly string[] BaseNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    public static (RawSplit Train, RawSplit Test) Read(string directory, Dataset dataset)
    {
        MissingData.RequireDirectory(directory, dataset);
        var train = ReadSplit(directory, "train", dataset);
        var test = ReadSplit(directory, "t10k", dataset);
        if (train.Height != test.Height || train.Width != test.Width)
            throw new DataFormatException(Locate(directory, "t10k-images-idx3-ubyte", dataset),
                $"image size {test.Height}x{test.Width} differs from the training images' {train.Height}x{train.Width}");
        return (train, test);
    }

    /// <summary>The path to read for a base name: "name.gz" if present, else "name", else a "not found" error.</summary>
    public static string Locate(string directory, string baseName, Dataset dataset)
    {
        var gz = Path.Combine(directory, baseName + ".gz");
        var raw = Path.Combine(directory, baseName);
        if (File.Exists(gz))
            return gz;
        if (File.Exists(raw))
            return raw;
        throw MissingData.File(gz, dataset, alternative: baseName);
    }

    private static RawSplit ReadSplit(string directory, string prefix, Dataset dataset)
    {
        var imagesPath = Locate(directory, $"{prefix}-images-idx3-ubyte", dataset);
        var labelsPath = Locate(directory, $"{prefix}-labels-idx1-ubyte", dataset);
        var images = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath, dataset.Classes);
        var imageCount = images.Pixels.Length / images.ImageBytes;
        if (labels.Length != imageCount)
            throw new DataFormatException(labelsPath,
                $"count mismatch: {labels.Length} labels, but {Path.GetFileName(imagesPath)} has {imageCount} images");
        return images with { Labels = labels };
    }
}
