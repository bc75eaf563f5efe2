namespace OrleansSweep.Training.Data.Formats;

/// <summary>One split exactly as read from disk: planar uint8 pixels [N, C, H, W] and uint8 labels [N].</summary>
internal sealed record RawSplit(byte[] Pixels, byte[] Labels, int Channels, int Height, int Width)
{
    public int Count => Labels.Length;

    public int ImageBytes => Channels * Height * Width;
}
