using OrleansSweep.Training.Data;
using TorchSharp;

namespace OrleansSweep.Training.Tests.Data.Fixtures;

/// <summary>Reads tensors back into arrays and undoes normalisation to compare with the bytes written.</summary>
public static class TensorValues
{
    public static float[] Floats(torch.Tensor t) => t.contiguous().data<float>().ToArray();

    public static long[] Longs(torch.Tensor t) => t.contiguous().data<long>().ToArray();

    /// <summary>The dataset's images mapped back to raw 0..255 pixel values (planar [N, C, H, W]).</summary>
    public static double[] RawPixels(TensorDataset data)
    {
        var stats = data.Normalization!;
        var values = Floats(data.Images);
        var plane = data.Height * data.Width;
        var raw = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var channel = i / plane % data.Channels;
            var std = stats.Std[channel] > 0 ? stats.Std[channel] : 1f;
            raw[i] = (values[i] * std + stats.Mean[channel]) * 255.0;
        }
        return raw;
    }
}
