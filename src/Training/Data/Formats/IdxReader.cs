using System.Buffers.Binary;

namespace OrleansSweep.Training.Data.Formats;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST: a big-endian header (magic, count, then rows and cols for
/// images) followed by one byte per pixel or label. Every defect is a one-line <see cref="DataFormatException"/>.
/// </summary>
internal static class IdxReader
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    /// <summary>Images as planar uint8 [N, 1, rows, cols]; the labels array is left empty.</summary>
    public static RawSplit ReadImages(string path) => DataFile.Guard(path, () =>
    {
        using var stream = DataFile.OpenRead(path);
        var header = ReadHeader(stream, path, ImagesMagic, fields: 4);
        int count = header[1], rows = header[2], cols = header[3];
        if (rows <= 0 || cols <= 0)
            throw new DataFormatException(path, $"bad header: image size {rows}x{cols}");
        var pixelBytes = (long)count * rows * cols;
        DataFile.CheckLength(path, 16 + pixelBytes, $"{count} images of {rows}x{cols}");
        var pixels = DataFile.ReadBlock(stream, path, pixelBytes, $"{count} images of {rows}x{cols}");
        DataFile.ExpectEnd(stream, path, $"{count} images");
        return new RawSplit(pixels, [], 1, rows, cols);
    });

    /// <summary>Labels as uint8 [N], each checked to be below <paramref name="classes"/>.</summary>
    public static byte[] ReadLabels(string path, int classes) => DataFile.Guard(path, () =>
    {
        using var stream = DataFile.OpenRead(path);
        var count = ReadHeader(stream, path, LabelsMagic, fields: 2)[1];
        DataFile.CheckLength(path, 8 + (long)count, $"{count} labels");
        var labels = DataFile.ReadBlock(stream, path, count, $"{count} labels");
        DataFile.ExpectEnd(stream, path, $"{count} labels");
        LabelCheck.InRange(labels, classes, path);
        return labels;
    });

    private static int[] ReadHeader(Stream stream, string path, int magic, int fields)
    {
        var bytes = new byte[fields * 4];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read < bytes.Length)
            throw new DataFormatException(path, $"truncated: header has {read} of {bytes.Length} bytes");
        var header = new int[fields];
        for (var i = 0; i < fields; i++)
            header[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(i * 4));
        if (header[0] != magic)
            throw new DataFormatException(path, $"bad magic 0x{header[0]:X8}, expected 0x{magic:X8}");
        if (header[1] <= 0)
            throw new DataFormatException(path, $"bad header: count {header[1]}");
        return header;
    }
}
