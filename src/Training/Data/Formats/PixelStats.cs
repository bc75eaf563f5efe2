using TorchSharp;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Data.Formats;

/// <summary>
/// Exact per-channel mean/std of [0, 1]-scaled pixels, from a histogram of the raw bytes (native bincount:
/// fast, and independent of float summation order).
/// </summary>
internal static class PixelStats
{
    /// <param name="images">uint8 [N, C, H, W].</param>
    public static ChannelStats Compute(Tensor images)
    {
        using var scope = NewDisposeScope();
        var channels = (int)images.shape[1];
        var mean = new float[channels];
        var std = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var histogram = images.select(1, c).flatten().bincount(null, minlength: 256).data<long>().ToArray();
            double count = 0, sum = 0, squares = 0;
            for (var v = 0; v < 256; v++)
            {
                count += histogram[v];
                sum += histogram[v] * (v / 255.0);
                squares += histogram[v] * (v / 255.0) * (v / 255.0);
            }
            var m = sum / count;
            mean[c] = (float)m;
            std[c] = (float)Math.Sqrt(Math.Max(0, squares / count - m * m));
        }
        return new ChannelStats(mean, std);
    }
}
