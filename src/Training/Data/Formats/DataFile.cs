using System.IO.Compression;

namespace OrleansSweep.Training.Data.Formats;

/// <summary>Opens a dataset file, transparently gunzipping ".gz", and turns I/O failures into one-line defects.</summary>
internal static class DataFile
{
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens for sequential reading; for ".gz" the stream yields the decompressed bytes.</summary>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (!IsGzip(path))
            return file;
        var magic = new byte[2];
        if (file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
        {
            file.Dispose();
            throw new DataFormatException(path, $"bad gzip: not a gzip file (starts with 0x{Convert.ToHexString(magic)})");
        }
        file.Position = 0;
        return new GZipStream(file, CompressionMode.Decompress);
    }

    /// <summary>
    /// Rejects a header that claims more bytes than the file can hold, before anything is allocated: a raw file
    /// must have exactly the implied length; a gzip file can at most inflate ~1032:1 (deflate's limit), so a
    /// corrupt count cannot ask for gigabytes. Exact gzip sizes are checked while reading (zlib checks ISIZE).
    /// </summary>
    public static void CheckLength(string path, long expected, string what)
    {
        var length = new FileInfo(path).Length;
        if (IsGzip(path) ? expected > Math.Min(Array.MaxLength, 1032L * length + 1024) : expected != length)
        {
            throw new DataFormatException(path, IsGzip(path)
                ? $"wrong size: the header implies {expected} bytes ({what}), more than a {length}-byte gzip file can hold"
                : $"wrong size: {length} bytes, but the header implies {expected} bytes ({what})");
        }
    }

    /// <summary>Runs a read, mapping gzip/tar/I-O errors to <see cref="DataFormatException"/> naming the file.</summary>
    public static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FileNotFoundException)
        {
            throw new DataFormatException(path, "file not found");
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"{(IsGzip(path) ? "bad gzip" : "corrupt")}: {OneLine(e.Message)}", e);
        }
        catch (FormatException e)
        {
            throw new DataFormatException(path, $"corrupt archive: {OneLine(e.Message)}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new DataFormatException(path, "truncated: the file ends early", e);
        }
        catch (IOException e)
        {
            throw new DataFormatException(path, $"cannot read: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes or reports how many were there.</summary>
    public static byte[] ReadBlock(Stream stream, string path, long count, string what)
    {
        var buffer = new byte[count];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < count)
            throw new DataFormatException(path, $"truncated: expected {count} bytes of {what}, found {read}");
        return buffer;
    }

    public static void ExpectEnd(Stream stream, string path, string what)
    {
        if (stream.ReadByte() != -1)
            throw new DataFormatException(path, $"wrong size: unexpected data after the {what}");
    }

    public static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
