using System.Buffers.Binary;
using System.IO.Compression;

namespace OrleansSweep.Training.Tests.Data.Fixtures;

/// <summary>Writes IDX files (raw, or gzip when the name ends in ".gz") exactly as MNIST distributes them.</summary>
public static class IdxWriter
{
    public static void WriteImages(string path, byte[] pixels, int count, int rows, int cols, int magic = 0x00000803) =>
        Write(path, [magic, count, rows, cols], pixels);

    public static void WriteLabels(string path, byte[] labels, int magic = 0x00000801) =>
        Write(path, [magic, labels.Length], labels);

    private static void Write(string path, int[] header, byte[] body)
    {
        using var file = File.Create(path);
        using Stream target = path.EndsWith(".gz") ? new GZipStream(file, CompressionLevel.Fastest) : file;
        Span<byte> field = stackalloc byte[4];
        foreach (var value in header)
        {
            BinaryPrimitives.WriteInt32BigEndian(field, value);
            target.Write(field);
        }
        target.Write(body);
    }
}
