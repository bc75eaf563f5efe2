using System.Formats.Tar;
using System.IO.Compression;

namespace OrleansSweep.Training.Tests.Data.Fixtures;

/// <summary>Writes CIFAR-10 binary batches (label byte + R, G, B planes per record) and the distributed tar.gz.</summary>
public static class CifarWriter
{
    public static readonly string[] BatchNames =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];

    /// <summary>Five training batches of <paramref name="perBatch"/> images and a test batch of <paramref name="test"/>.</summary>
    public static (SyntheticSplit Train, SyntheticSplit Test) Create(int perBatch = 4, int test = 6) =>
        (SyntheticSplit.Create(5 * perBatch, 3, 32, 32, salt: 3), SyntheticSplit.Create(test, 3, 32, 32, salt: 4));

    public static byte[] Batch(SyntheticSplit split, int first, int count)
    {
        const int image = 3 * 32 * 32;
        var bytes = new byte[count * (1 + image)];
        for (var i = 0; i < count; i++)
        {
            bytes[i * (1 + image)] = split.Labels[first + i];
            split.Pixels.AsSpan((first + i) * image, image).CopyTo(bytes.AsSpan(i * (1 + image) + 1));
        }
        return bytes;
    }

    /// <summary>The six batch files' contents, by name.</summary>
    public static Dictionary<string, byte[]> Batches(SyntheticSplit train, SyntheticSplit test)
    {
        var perBatch = train.Count / 5;
        var batches = Enumerable.Range(0, 5).ToDictionary(b => BatchNames[b], b => Batch(train, b * perBatch, perBatch));
        batches["test_batch.bin"] = Batch(test, 0, test.Count);
        return batches;
    }

    public static void WriteFolder(string folder, Dictionary<string, byte[]> batches)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in batches)
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }

    /// <summary>Like the real archive: entries under cifar-10-batches-bin/, plus a non-batch file first.</summary>
    public static void WriteArchive(string path, Dictionary<string, byte[]> batches)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "cifar-10-batches-bin/"));
        Add(tar, "cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n"u8.ToArray());
        foreach (var (name, bytes) in batches)
            Add(tar, "cifar-10-batches-bin/" + name, bytes);
    }

    private static void Add(TarWriter tar, string name, byte[] bytes) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
}
