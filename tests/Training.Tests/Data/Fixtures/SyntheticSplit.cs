namespace OrleansSweep.Training.Tests.Data.Fixtures;

/// <summary>Known pixel values and labels for one generated split, planar [N, C, H, W].</summary>
public sealed record SyntheticSplit(byte[] Pixels, byte[] Labels, int Channels, int Height, int Width)
{
    public int Count => Labels.Length;

    public byte Pixel(int image, int channel, int row, int col) =>
        Pixels[((image * Channels + channel) * Height + row) * Width + col];

    /// <summary>Pixel values are seeded pseudo-random bytes; labels cycle 0..9 unless given.</summary>
    public static SyntheticSplit Create(int count, int channels, int height, int width, int salt, Func<int, byte>? label = null)
    {
        var pixels = new byte[count * channels * height * width];
        new Random(salt).NextBytes(pixels);   // seeded: every image distinct, the same on every run
        var labels = Enumerable.Range(0, count).Select(i => label?.Invoke(i) ?? (byte)(i % 10)).ToArray();
        return new SyntheticSplit(pixels, labels, channels, height, width);
    }
}
