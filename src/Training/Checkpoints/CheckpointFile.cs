using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text.Json;
using System.Text;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Training.Checkpoints;

/// <summary>
/// The on-disk layout of one checkpoint (little-endian):
/// magic "OSWPCKPT" | int32 format version | int32 length + JSON metadata | int64 length + model weights
/// (TorchSharp module format) | int64 length + optimizer state (TorchSharp format) | SHA-256 of all bytes before it.
/// </summary>
public static class CheckpointFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "OSWPCKPT"u8.ToArray();
    private const int HashLength = 32;

    /// <summary>Writes the whole file to <paramref name="stream"/>; returns the bytes written.</summary>
    public static long Write(Stream stream, CheckpointMetadata metadata, SessionSnapshot snapshot)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var written = 0L;
        void Put(ReadOnlySpan<byte> bytes)
        {
            hash.AppendData(bytes);
            stream.Write(bytes);
            written += bytes.Length;
        }

        Span<byte> number = stackalloc byte[8];
        Put(Magic);
        BinaryPrimitives.WriteInt32LittleEndian(number, FormatVersion);
        Put(number[..4]);
        var json = JsonSerializer.SerializeToUtf8Bytes(metadata, CheckpointJson.Options);
        BinaryPrimitives.WriteInt32LittleEndian(number, json.Length);
        Put(number[..4]);
        Put(json);
        foreach (var section in new[] { snapshot.Weights, snapshot.OptimizerState })
        {
            BinaryPrimitives.WriteInt64LittleEndian(number, section.Length);
            Put(number);
            Put(section);
        }
        var digest = hash.GetHashAndReset();
        stream.Write(digest);
        return written + digest.Length;
    }

    /// <summary>Reads and fully verifies a checkpoint; throws <see cref="CheckpointCorruptException"/> on any defect.</summary>
    public static (CheckpointMetadata Metadata, SessionSnapshot Snapshot) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new CheckpointCorruptException(path, $"unreadable ({e.Message})");
        }
        return Parse(path, bytes);
    }

    internal static (CheckpointMetadata, SessionSnapshot) Parse(string path, byte[] bytes)
    {
        if (bytes.Length < Magic.Length + 8 + HashLength)
            throw new CheckpointCorruptException(path, $"truncated ({bytes.Length} bytes)");
        if (!bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new CheckpointCorruptException(path, "not a checkpoint (bad magic)");
        var body = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
            throw new CheckpointCorruptException(path, "SHA-256 mismatch (corrupt or truncated)");
        var reader = new SectionReader(path, bytes, Magic.Length, bytes.Length - HashLength);
        var version = reader.Int32();
        if (version != FormatVersion)
            throw new CheckpointCorruptException(path, $"format version {version}, expected {FormatVersion}");
        var metadata = ParseMetadata(path, reader.Section(reader.Int32()));
        var weights = reader.Section(reader.Int64()).ToArray();
        var optimizer = reader.Section(reader.Int64()).ToArray();
        reader.ExpectEnd();
        return (metadata, new SessionSnapshot(metadata.History, weights, optimizer));
    }

    private static CheckpointMetadata ParseMetadata(string path, ReadOnlySpan<byte> json)
    {
        try
        {
            var metadata = JsonSerializer.Deserialize<CheckpointMetadata>(json, CheckpointJson.Options);
            if (metadata?.Spec?.Model is null || metadata.History is null)
                throw new CheckpointCorruptException(path, "metadata incomplete");
            if (metadata.Epoch != metadata.History.Count)
                throw new CheckpointCorruptException(path, $"metadata epoch {metadata.Epoch} but {metadata.History.Count} epochs of history");
            return metadata;
        }
        catch (JsonException e)
        {
            throw new CheckpointCorruptException(path, $"metadata is not valid JSON ({e.Message})");
        }
    }
}

/// <summary>
/// The JSON part of a checkpoint. <see cref="DataOrder"/> records what reproduces the batch order of the next
/// epoch (the order is a pure function of seed and epoch, so no generator state is stored).
/// </summary>
public sealed record CheckpointMetadata(
    int Epoch,
    long Seed,
    DataOrderState DataOrder,
    TrainingSpec Spec,
    IReadOnlyList<EpochMetrics> History,
    string Device,
    DateTimeOffset SavedAtUtc);

/// <summary>The shuffle scheme's name and the (seed, next epoch) it continues from.</summary>
public sealed record DataOrderState(string Scheme, long Seed, int NextEpoch);

/// <summary>JSON settings for checkpoint metadata: readable enums, NaN losses allowed, exact double round-trip.</summary>
internal static class CheckpointJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };
}

/// <summary>A checkpoint file that must not be loaded. Message = "&lt;file path&gt;: &lt;defect&gt;" (one line).</summary>
public sealed class CheckpointCorruptException(string path, string defect) : Exception($"{path}: {defect}")
{
    public string Path { get; } = path;
    public string Defect { get; } = defect;
}
