namespace OrleansSweep.Training.Data.Formats;

/// <summary>MNIST-style datasets: four IDX files, each ".gz" or raw (".gz" preferred when both exist).</summary>
internal static class IdxDataset
{
    public const int Classes = 10;

    public static readonly string[] BaseNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    public static (RawSplit Train, RawSplit Test) Read(string directory, DatasetKind kind)
    {
        MissingData.RequireDirectory(directory, kind);
        var train = ReadSplit(directory, "train", kind);
        var test = ReadSplit(directory, "t10k", kind);
        if (train.Height != test.Height || train.Width != test.Width)
            throw new DataFormatException(Locate(directory, "t10k-images-idx3-ubyte", kind),
                $"image size {test.Height}x{test.Width} differs from the training images' {train.Height}x{train.Width}");
        return (train, test);
    }

    /// <summary>The path to read for a base name: "name.gz" if present, else "name", else a "not found" error.</summary>
    public static string Locate(string directory, string baseName, DatasetKind kind)
    {
        var gz = Path.Combine(directory, baseName + ".gz");
        var raw = Path.Combine(directory, baseName);
        if (File.Exists(gz))
            return gz;
        if (File.Exists(raw))
            return raw;
        throw MissingData.File(gz, kind, alternative: baseName);
    }

    private static RawSplit ReadSplit(string directory, string prefix, DatasetKind kind)
    {
        var imagesPath = Locate(directory, $"{prefix}-images-idx3-ubyte", kind);
        var labelsPath = Locate(directory, $"{prefix}-labels-idx1-ubyte", kind);
        var images = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath, Classes);
        var imageCount = images.Pixels.Length / images.ImageBytes;
        if (labels.Length != imageCount)
            throw new DataFormatException(labelsPath,
                $"count mismatch: {labels.Length} labels, but {Path.GetFileName(imagesPath)} has {imageCount} images");
        return images with { Labels = labels };
    }
}
