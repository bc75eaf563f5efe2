using System.Buffers.Binary;

namespace OrleansSweep.Training.Checkpoints;

/// <summary>Reads length-prefixed sections of a checkpoint body, refusing any length that runs past its end.</summary>
internal ref struct SectionReader(string path, byte[] bytes, int start, int end)
{
    private int position = start;

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ReadOnlySpan<byte> Section(long length) =>
        length < 0 ? throw new CheckpointCorruptException(path, $"negative section length {length}") : Take(length);

    public readonly void ExpectEnd()
    {
        if (position != end)
            throw new CheckpointCorruptException(path, $"{end - position} unexpected bytes after the last section");
    }

    private ReadOnlySpan<byte> Take(long count)
    {
        if (count > end - position)
            throw new CheckpointCorruptException(path, $"section of {count} bytes runs past the end at offset {position}");
        var span = bytes.AsSpan(position, (int)count);
        position += (int)count;
        return span;
    }
}
