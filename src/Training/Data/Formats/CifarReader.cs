using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data.Formats;

/// <summary>
/// Reads CIFAR-10 binary batches: records of 1 label byte + 3072 pixel bytes (1024 R, 1024 G, 1024 B, each
/// row-major 32x32), which is already the planar [C, H, W] layout the tensors use.
/// </summary>
internal static class CifarReader
{
    private static readonly Dataset Cifar10 = Dataset.Cifar10;
    public static readonly int ImageBytes = Cifar10.Channels * Cifar10.Height * Cifar10.Width, RecordBytes = 1 + ImageBytes;

    /// <summary>Reads one batch of <paramref name="length"/> bytes from <paramref name="stream"/>.</summary>
    /// <param name="path">The file named in errors.</param>
    /// <param name="where">Prefix for defects inside an archive, e.g. "entry x/data_batch_1.bin: ".</param>
    public static RawSplit ReadBatch(Stream stream, long length, string path, string where = "")
    {
        if (length <= 0 || length % RecordBytes != 0)
            throw new DataFormatException(path, $"{where}wrong size: {length} bytes is not a whole number of {RecordBytes}-byte records");
        var count = checked((int)(length / RecordBytes));
        var labels = new byte[count];
        var pixels = new byte[(long)count * ImageBytes];
        var record = new byte[RecordBytes];
        for (var i = 0; i < count; i++)
        {
            if (stream.ReadAtLeast(record, RecordBytes, throwOnEndOfStream: false) < RecordBytes)
                throw new DataFormatException(path, $"{where}truncated: record {i} of {count} is incomplete");
            labels[i] = record[0];
            record.AsSpan(1).CopyTo(pixels.AsSpan((int)((long)i * ImageBytes)));
        }
        LabelCheck.InRange(labels, Cifar10.Classes, path, where);
        return new RawSplit(pixels, labels, Cifar10.Channels, Cifar10.Height, Cifar10.Width);
    }

    /// <summary>Joins batches in order into one split (one copy; the batches are then garbage).</summary>
    public static RawSplit Concat(IReadOnlyList<RawSplit> batches)
    {
        var pixels = new byte[batches.Sum(b => (long)b.Pixels.Length)];
        var labels = new byte[batches.Sum(b => b.Labels.Length)];
        long pixelOffset = 0;
        var labelOffset = 0;
        foreach (var batch in batches)
        {
            batch.Pixels.CopyTo(pixels.AsSpan((int)pixelOffset));
            batch.Labels.CopyTo(labels.AsSpan(labelOffset));
            pixelOffset += batch.Pixels.Length;
            labelOffset += batch.Labels.Length;
        }
        return new RawSplit(pixels, labels, Cifar10.Channels, Cifar10.Height, Cifar10.Width);
    }
}
